import type OlMap from 'ol/Map';
import { getPointResolution } from 'ol/proj';
import { formatNumber } from '../format';
import { t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import { legendSampleCanvas, legendSampleSize } from '../layers/legendCanvas';
import { mapBackground } from '../styles/palette';
import { composeMapCanvas } from '../tools/composeMap';

const font = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
const titleHeight = 56;
const footerHeight = 40;

export interface ExportOptions {
  width: number;
  height: number;
  title: string;
}

/**
 * The current view as a PNG of exactly the requested size, with title, legend of the visible layers, scale bar,
 * north arrow and the data-source note. The map is re-rendered at the frame's size (not a scaled screenshot), then
 * put back as it was.
 */
export async function exportPng(map: OlMap, layers: DataLayer[], options: ExportOptions): Promise<Blob> {
  const { width, height, title } = options;
  const legendWidth = Math.max(200, Math.round(width * 0.22));
  const frame = { x: 0, y: titleHeight, width: width - legendWidth, height: height - titleHeight - footerHeight };

  const target = map.getTargetElement();
  const view = map.getView();
  const extent = view.calculateExtent(map.getSize());
  const saved = { center: view.getCenter(), resolution: view.getResolution(), style: target.getAttribute('style') };
  target.style.width = `${frame.width}px`;
  target.style.height = `${frame.height}px`;
  target.style.flex = 'none';
  map.updateSize();
  view.fit(extent, { size: [frame.width, frame.height] });
  await new Promise<void>((resolve) => {
    map.once('rendercomplete', () => resolve());
    map.renderSync();
  });
  const mapCanvas = composeMapCanvas(map, mapBackground);
  const metresPerPixel = getPointResolution(view.getProjection(), view.getResolution()!, view.getCenter()!, 'm');
  const rotation = view.getRotation();

  if (saved.style === null) {
    target.removeAttribute('style');
  } else {
    target.setAttribute('style', saved.style);
  }
  map.updateSize();
  view.setCenter(saved.center);
  view.setResolution(saved.resolution);

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(mapCanvas, frame.x, frame.y, frame.width, frame.height);
  context.strokeStyle = '#343a40';
  context.lineWidth = 1;
  context.strokeRect(frame.x + 0.5, frame.y + 0.5, frame.width - 1, frame.height - 1);

  context.fillStyle = '#212529';
  context.font = `bold 24px ${font}`;
  context.textBaseline = 'middle';
  context.fillText(title, 16, titleHeight / 2, width - 32);

  drawScaleBar(context, metresPerPixel, frame.x + 16, frame.y + frame.height - 24, frame.width / 5);
  drawNorthArrow(context, frame.x + frame.width - 36, frame.y + 44, rotation);
  drawLegend(context, layers, width - legendWidth + 12, titleHeight, legendWidth - 20, frame.height);

  context.fillStyle = '#495057';
  context.font = `12px ${font}`;
  context.fillText(t('dataSource'), 16, height - footerHeight / 2, width - 32);

  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

function drawScaleBar(context: CanvasRenderingContext2D, metresPerPixel: number, x: number, y: number, maxWidth: number): void {
  const maxMetres = metresPerPixel * maxWidth;
  const magnitude = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((step) => step * magnitude).find((m) => m <= maxMetres) ?? magnitude;
  const pixels = metres / metresPerPixel;
  context.fillStyle = 'rgba(255,255,255,0.85)';
  context.fillRect(x - 6, y - 22, pixels + 60, 32);
  context.fillStyle = '#212529';
  context.fillRect(x, y, pixels / 2, 5);
  context.strokeStyle = '#212529';
  context.strokeRect(x, y, pixels, 5);
  context.font = `12px ${font}`;
  context.textBaseline = 'bottom';
  context.fillText('0', x - 3, y - 2);
  context.fillText(metres >= 1000 ? `${formatNumber(metres / 1000)} km` : `${metres} m`, x + pixels - 10, y - 2);
}

function drawNorthArrow(context: CanvasRenderingContext2D, x: number, y: number, rotation: number): void {
  context.save();
  context.translate(x, y);
  context.fillStyle = 'rgba(255,255,255,0.85)';
  context.beginPath();
  context.arc(0, 0, 26, 0, Math.PI * 2);
  context.fill();
  context.rotate(rotation);
  context.fillStyle = '#212529';
  context.beginPath();
  context.moveTo(0, -20);
  context.lineTo(9, 12);
  context.lineTo(0, 5);
  context.lineTo(-9, 12);
  context.closePath();
  context.fill();
  context.restore();
  context.fillStyle = '#212529';
  context.font = `bold 13px ${font}`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.fillText(t('north'), x, y + 26);
  context.textAlign = 'start';
}

function drawLegend(context: CanvasRenderingContext2D, layers: DataLayer[], x: number, top: number, width: number, maxHeight: number): void {
  let y = top + 8;
  const bottom = top + maxHeight;
  context.fillStyle = '#212529';
  context.font = `bold 15px ${font}`;
  context.textBaseline = 'top';
  context.fillText(t('legend'), x, y);
  y += 24;
  const visible = layers.filter((l) => l.layer.getVisible()).sort((a, b) => b.layer.getZIndex()! - a.layer.getZIndex()!);
  for (const dataLayer of visible) {
    if (y + 20 > bottom) {
      return;
    }
    context.font = `bold 13px ${font}`;
    context.fillStyle = '#212529';
    context.fillText(dataLayer.title() + (dataLayer.illustrative ? `（${t('illustrative')}）` : ''), x, y, width);
    y += 20;
    for (const item of dataLayer.definition.legend()) {
      const [w, h] = legendSampleSize(item);
      if (y + h > bottom) {
        return;
      }
      context.drawImage(legendSampleCanvas(dataLayer.definition, item, 1), x, y, w, h);
      context.font = `12px ${font}`;
      context.fillStyle = '#343a40';
      context.textBaseline = 'middle';
      context.fillText(item.label(), x + 48, y + h / 2, width - 50);
      context.textBaseline = 'top';
      y += h + 3;
    }
    y += 6;
  }
}
