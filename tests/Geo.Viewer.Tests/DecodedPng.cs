namespace Geo.Viewer.Tests;

/// <summary>
/// A PNG the viewer exported, decoded by the browser itself (the decoder a user's PNG meets), so that tests assert on
/// pixels rather than on file bytes.
/// </summary>
internal static class DecodedPng
{
    /// <summary>The RGBA bytes of the region (the whole image when no size is given), four ints a pixel, row by row.</summary>
    public static Task<int[]> RgbaAsync(IPage page, byte[] png, int x = 0, int y = 0, int? width = null, int? height = null) =>
        page.EvaluateAsync<int[]>(
            @"async ([base64, x, y, width, height]) => {
                const image = new Image();
                image.src = 'data:image/png;base64,' + base64;
                await image.decode();
                const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
                const context = canvas.getContext('2d');
                context.drawImage(image, 0, 0);
                return Array.from(context.getImageData(x, y, width ?? image.width, height ?? image.height).data);
              }",
            new object?[] { Convert.ToBase64String(png), x, y, width, height });
}
