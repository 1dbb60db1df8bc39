/** The files the server reads (UploadedFile / FeatureFile): checked by name before anything is sent. */
export const acceptedExtensions = ['.txt', '.zip', '.gpkg', '.geojson', '.json', '.csv'] as const;

/** Why a file cannot be sent, as a message key, or null when its name is one the server reads. */
export function fileNameProblem(name: string): 'fileLooseShapefile' | 'fileUnknownType' | null {
  const lower = name.toLowerCase();
  if (/\.(shp|shx|dbf|prj|cpg)$/.test(lower)) {
    return 'fileLooseShapefile';
  }
  return acceptedExtensions.some((extension) => lower.endsWith(extension)) ? null : 'fileUnknownType';
}

/** How to read the file, as the form's optional fields: blank means "as the file says". */
export interface ReadOptions {
  crs?: string;
  encoding?: string;
  from?: string;
}

/** The multipart body every upload endpoint takes: the file in field `file`, then crs, encoding and from when given. */
export function uploadForm(file: Blob, name: string, options: ReadOptions = {}): FormData {
  const form = new FormData();
  form.append('file', file, name);
  for (const key of ['crs', 'encoding', 'from'] as const) {
    const value = options[key]?.trim();
    if (value) {
      form.append(key, value);
    }
  }
  return form;
}
