#!/bin/sh
# Regenerates the installer icons from countersign.svg (needs ImageMagick and python3):
# countersign.png (Linux, 512 px), countersign.ico (Windows, 16-256 px), countersign.icns (macOS).
set -eu
cd "$(dirname "$0")"
convert -background none countersign.svg -resize 512x512 countersign.png
for s in 16 32 48 64 128 256 1024; do
    convert -background none -density 384 countersign.svg -resize ${s}x${s} "/tmp/countersign-$s.png"
done
convert /tmp/countersign-16.png /tmp/countersign-32.png /tmp/countersign-48.png /tmp/countersign-64.png \
    /tmp/countersign-128.png /tmp/countersign-256.png countersign.ico
cp countersign.png /tmp/countersign-512.png
# ICNS: "icns" + total length, then (OSType, length incl. 8-byte header, PNG bytes) per size.
python3 - <<'PY'
import struct
entries = [(b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)]
body = b""
for ostype, size in entries:
    png = open(f"/tmp/countersign-{size}.png", "rb").read()
    body += ostype + struct.pack(">I", len(png) + 8) + png
open("countersign.icns", "wb").write(b"icns" + struct.pack(">I", len(body) + 8) + body)
PY
rm -f /tmp/countersign-*.png
