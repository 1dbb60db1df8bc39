import { describe, expect, it } from 'vitest';
import { exportFileName, exportFormats, itemsExportUrl, maxExportIds, TooManyIdsError } from '../src/files/exportFormats';
import { fileNameProblem, uploadForm } from '../src/files/uploadFiles';

const format = (id: string) => exportFormats.find((f) => f.id === id)!;
const query = (url: string) => new URL(url, 'http://x/').searchParams;

describe('itemsExportUrl', () => {
  it('asks the export of a collection in the format, every row and no page limit', () => {
    const url = itemsExportUrl('projects', format('gpkg'));
    expect(url.startsWith('ogcapi/collections/projects/export?')).toBe(true);
    expect(query(url).get('f')).toBe('gpkg');
    expect(query(url).has('limit')).toBe(false);
    expect(query(url).has('filter')).toBe(false);
  });

  it('sends the GBK shapefile with encoding=gbk and the others without', () => {
    expect(query(itemsExportUrl('parcels', format('shp-gbk'))).get('encoding')).toBe('gbk');
    expect(query(itemsExportUrl('parcels', format('shp'))).has('encoding')).toBe(false);
    expect(query(itemsExportUrl('parcels', format('txt'))).get('f')).toBe('txt');
  });

  it('names the rows shown as a CQL2 text id list, and an empty list as none', () => {
    const ids = query(itemsExportUrl('projects', format('csv'), { ids: [3, 12, 5] }));
    expect(ids.get('filter')).toBe('id IN (3,12,5)');
    expect(ids.get('filter-lang')).toBe('cql2-text');
    expect(query(itemsExportUrl('projects', format('csv'), { ids: [] })).get('filter')).toBe('id IN (-1)');
  });

  it('keeps the view as a lon/lat bbox', () => {
    expect(query(itemsExportUrl('zones', format('geojson'), { bbox: [108.1, 31, 108.5, 31.3] })).get('bbox')).toBe('108.1000000,31.0000000,108.5000000,31.3000000');
  });

  it('refuses more ids than a URL holds, and the longest list it takes stays under 8 KiB', () => {
    const many = Array.from({ length: maxExportIds + 1 }, (_, i) => 100000 + i);
    expect(() => itemsExportUrl('parcels', format('gpkg'), { ids: many })).toThrow(TooManyIdsError);
    expect(itemsExportUrl('parcels', format('gpkg'), { ids: many.slice(0, maxExportIds) }).length).toBeLessThan(8 * 1024);
  });
});

describe('exportFileName', () => {
  it('takes the server name from Content-Disposition, else the fallback', () => {
    expect(exportFileName('attachment; filename="projects.gpkg"', 'x.gpkg')).toBe('projects.gpkg');
    expect(exportFileName(null, 'projects.geojson')).toBe('projects.geojson');
  });
});

describe('fileNameProblem', () => {
  it('accepts what the server reads and explains a loose shapefile or another type', () => {
    for (const name of ['红线.TXT', 'a.zip', 'b.gpkg', 'c.geojson', 'd.json', 'e.csv']) {
      expect(fileNameProblem(name)).toBeNull();
    }
    expect(fileNameProblem('地块.shp')).toBe('fileLooseShapefile');
    expect(fileNameProblem('地块.dbf')).toBe('fileLooseShapefile');
    expect(fileNameProblem('说明.docx')).toBe('fileUnknownType');
  });
});

describe('uploadForm', () => {
  it('puts the file in field file and only the options given', () => {
    const form = uploadForm(new File(['x'], '红线.txt'), '红线.txt', { crs: ' EPSG:4545 ', encoding: '', from: 'gcj02' });
    expect((form.get('file') as File).name).toBe('红线.txt');
    expect(form.get('crs')).toBe('EPSG:4545');
    expect(form.has('encoding')).toBe(false);
    expect(form.get('from')).toBe('gcj02');
  });
});
