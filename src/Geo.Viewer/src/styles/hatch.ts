/**
 * Hatch fills for constraint zones: a transparent tile with diagonal lines, so the land under a constraint stays
 * visible. "cross" adds the other diagonal (used for hazards, to tell them from farmland at a glance).
 */
export function hatchPattern(colour: string, kind: 'diagonal' | 'reverse' | 'cross'): CanvasPattern {
  const size = 10;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d')!;
  context.strokeStyle = colour;
  context.lineWidth = 2.5;
  context.lineCap = 'square';
  if (kind !== 'reverse') {
    line(context, 0, size, size, 0);
    line(context, -size / 2, size / 2, size / 2, -size / 2);
    line(context, size / 2, size * 1.5, size * 1.5, size / 2);
  }
  if (kind !== 'diagonal') {
    line(context, 0, 0, size, size);
    line(context, -size / 2, size / 2, size / 2, size * 1.5);
    line(context, size / 2, -size / 2, size * 1.5, size / 2);
  }
  return context.createPattern(canvas, 'repeat')!;
}

function line(context: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number): void {
  context.beginPath();
  context.moveTo(x1, y1);
  context.lineTo(x2, y2);
  context.stroke();
}
