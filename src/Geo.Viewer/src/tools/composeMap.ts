import type OlMap from 'ol/Map';

/**
 * The map as one canvas in CSS pixels: every layer canvas drawn with its own transform and opacity, on the map
 * background. Used by the PNG export and by the browser tests that read pixels.
 */
export function composeMapCanvas(map: OlMap, background: string): HTMLCanvasElement {
  const [width, height] = map.getSize()!;
  const output = document.createElement('canvas');
  output.width = width;
  output.height = height;
  const context = output.getContext('2d')!;
  context.fillStyle = background;
  context.fillRect(0, 0, width, height);
  map.getViewport().querySelectorAll<HTMLCanvasElement>('.ol-layer canvas, canvas.ol-layer').forEach((canvas) => {
    if (canvas.width === 0) {
      return;
    }
    const parent = canvas.parentNode as HTMLElement;
    const opacity = parent.style.opacity || canvas.style.opacity;
    context.globalAlpha = opacity === '' ? 1 : Number(opacity);
    const matrix = /^matrix\(([^(]*)\)$/.exec(canvas.style.transform)?.[1].split(',').map(Number) ?? [
      width / canvas.width, 0, 0, height / canvas.height, 0, 0,
    ];
    context.setTransform(matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]);
    context.drawImage(canvas, 0, 0);
  });
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.globalAlpha = 1;
  return output;
}
