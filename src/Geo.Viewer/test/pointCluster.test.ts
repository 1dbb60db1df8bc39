import Feature from 'ol/Feature';
import { Point, Polygon } from 'ol/geom';
import { get as getProjection } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { describe, expect, it } from 'vitest';
import { clusterPoint, PointCluster } from '../src/layers/pointCluster';

const feature = (id: number, geometry: Point | Polygon) => {
  const f = new Feature(geometry);
  f.setId(id);
  return f;
};

/** Member ids of each cluster at 1 map unit a pixel, sorted. */
function clusters(features: Feature[], distance: number, shown: (f: Feature) => boolean = () => true): number[][] {
  const cluster = new PointCluster({
    source: new VectorSource({ features }),
    distance,
    geometryFunction: (f) => (shown(f as Feature) ? clusterPoint(f as Feature) : null),
  });
  cluster.loadFeatures([-1000, -1000, 1000, 1000], 1, getProjection('EPSG:3857')!);
  return cluster.getFeatures().map((c) => (c.get('features') as Feature[]).map((m) => Number(m.getId())).sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
}

// A site 100 units square with a point inside its box but far from its interior point, and a point 10 units from that.
const site = () => feature(1, new Polygon([[[0, 0], [100, 0], [100, 10], [10, 10], [10, 100], [0, 100], [0, 0]]]));
const inBox = () => feature(2, new Point([80, 80]));
const near = () => feature(3, new Point([90, 80]));

describe('PointCluster', () => {
  it('gathers by cluster points, not by a polygon\'s box', () => {
    // OpenLayers' own Cluster puts 2 with 1 here: the site's box holds 2.
    expect(clusters([inBox(), near(), site()], 0)).toEqual([[1], [2], [3]]);
    expect(clusters([site(), inBox(), near()], 20)).toEqual([[1], [2, 3]]);
  });

  it('leaves features the geometry function hides out of every cluster', () => {
    expect(clusters([site(), inBox(), near()], 20, (f) => f.getId() !== 3)).toEqual([[1], [2]]);
  });

  it('counts a polygon at its interior point (here 5, 50)', () => {
    expect(clusters([site(), feature(4, new Point([5, 45]))], 20)).toEqual([[1, 4]]);
  });
});
