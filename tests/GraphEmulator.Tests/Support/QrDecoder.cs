using System.Buffers.Binary;
using System.IO.Compression;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace GraphEmulator.Tests.Support;

/// <summary>Reads a QR code from a PNG as a scanner would: decode the PNG to grey pixels, then ZXing.Net's QR reader.</summary>
public static class QrDecoder
{
    public static string Decode(byte[] png)
    {
        var (grey, width, height) = Pixels(png);
        var source = new RGBLuminanceSource(grey, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var bitmap = new BinaryBitmap(new HybridBinarizer(source));
        // As a phone's scanner does: a quick look, then harder; an image that is nothing but the code (a badge's) is read module by module.
        var result = new QRCodeReader().decode(bitmap)
            ?? new QRCodeReader().decode(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true })
            ?? new QRCodeReader().decode(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true });
        return result?.Text ?? throw new InvalidDataException("No QR code could be read from the image.");
    }

    /// <summary>A small PNG reader (non-interlaced, bit depth 1–8, grey, palette, RGB or RGBA): enough for a generated QR code.</summary>
    private static (byte[] Grey, int Width, int Height) Pixels(byte[] png)
    {
        int width = 0, height = 0, depth = 0, colour = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height, depth, colour) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
            }
            else if (type == "PLTE")
            {
                palette = data.ToArray();
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        var channels = colour switch { 2 => 3, 6 => 4, 4 => 2, _ => 1 };
        var rowBytes = (width * channels * depth + 7) / 8;
        var bpp = Math.Max(1, channels * depth / 8);
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        var rows = new byte[height][];
        var previous = new byte[rowBytes];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (rowBytes + 1)];
            var row = bytes.AsSpan(y * (rowBytes + 1) + 1, rowBytes).ToArray();
            for (var x = 0; x < rowBytes; x++)
            {
                int left = x >= bpp ? row[x - bpp] : 0, up = previous[x], upLeft = x >= bpp ? previous[x - bpp] : 0;
                row[x] = (byte)(row[x] + filter switch { 1 => left, 2 => up, 3 => (left + up) / 2, 4 => Paeth(left, up, upLeft), _ => 0 });
            }

            rows[y] = previous = row;
        }

        var grey = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                grey[y * width + x] = Sample(rows[y], x, depth, channels, colour, palette);
            }
        }

        return (grey, width, height);
    }

    private static byte Sample(byte[] row, int x, int depth, int channels, int colour, byte[] palette)
    {
        if (depth < 8)
        {
            var perByte = 8 / depth;
            var v = (row[x / perByte] >> (8 - depth * (x % perByte + 1))) & ((1 << depth) - 1);
            return colour == 3 ? palette[v * 3] : (byte)(v * 255 / ((1 << depth) - 1));
        }

        var i = x * channels;
        return colour switch
        {
            3 => palette[row[i] * 3],
            2 or 6 => (byte)((row[i] + row[i + 1] + row[i + 2]) / 3),
            _ => row[i],
        };
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
