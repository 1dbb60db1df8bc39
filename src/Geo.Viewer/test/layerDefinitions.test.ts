import { describe, expect, it } from 'vitest';
import type { CollectionInfo } from '../src/api';
import { layerDefinitions } from '../src/layers/definitions';

const collection = (id: string): CollectionInfo => ({ id, titleZh: id, titleEn: id, properties: [], geometry: 'Point', editable: false });

describe('layerDefinitions', () => {
  it('makes a layer of every collection /viewer/config lists, in the styles\' drawing order', () => {
    const ids = layerDefinitions(['projects', 'zones', 'district'].map(collection)).map((d) => d.id);
    expect(ids).toEqual(['district', 'zones', 'projects']);
  });

  it('draws a collection without a style on top, hidden until switched on, with no legend', () => {
    const definitions = layerDefinitions(['wells', 'projects', 'district'].map(collection));
    expect(definitions.map((d) => d.id)).toEqual(['district', 'projects', 'wells']);
    const wells = definitions[2];
    expect(wells.visible).toBe(false);
    expect(wells.legend()).toEqual([]);
    expect(typeof wells.style).toBe('function');
  });

  it('leaves out styled layers the server does not list', () => {
    expect(layerDefinitions([collection('zones')]).map((d) => d.id)).toEqual(['zones']);
  });
});
