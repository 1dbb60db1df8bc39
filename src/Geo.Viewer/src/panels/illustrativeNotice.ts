import type { DataLayer } from '../layers/dataLayers';

/**
 * The map-wide notice 示意，不作审批依据 (data honesty): shown over the map whenever a visible layer holds stand-in
 * geometry, so a screenshot of the map carries it too; hidden when only sourced layers are on.
 */
export function showIllustrativeNotice(notice: HTMLElement, layers: DataLayer[]): void {
  const update = () => {
    notice.hidden = !layers.some((l) => l.illustrative && l.layer.getVisible());
  };
  layers.forEach((l) => {
    l.layer.on('change:visible', update);
    void l.loaded.then(update, update);
  });
  update();
}
