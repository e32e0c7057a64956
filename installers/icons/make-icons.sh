#!/usr/bin/env bash
# Makes the installers' icons from the app's PNG, once, by hand (the outputs are committed:
# the Windows and macOS runners need no ImageMagick). Needs ImageMagick's `convert` and python3.
#   royalty-desk.png  the app        -> royalty-desk.ico (Windows), royalty-desk.icns (macOS)
#   (drawn here)      bundle.png, a receipt bundle, the document type the installers associate (issue #18)
#                                    -> bundle.ico, bundle.icns
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The bundle's document icon: a page with a folded corner carrying the app's mark.
convert -size 256x256 xc:none -fill white -stroke '#4f46e5' -strokewidth 8 \
  -draw "polygon 44,10 164,10 214,60 214,246 44,246" -fill '#c9c4f8' -draw "polygon 164,10 164,60 214,60" \
  -stroke none -fill '#4f46e5' -draw "roundrectangle 68,118 190,222 18,18" \
  -fill white -font DejaVu-Sans-Bold -pointsize 54 -draw "text 80,192 'RD'" \
  -fill '#4f46e5' -draw "rectangle 72,48 140,58" -draw "rectangle 72,76 186,86" bundle.png
for name in royalty-desk bundle; do
  convert "$name.png" -define icon:auto-resize=256,128,64,48,32,16 "$name.ico"
  for size in 128 256 512; do
    convert "$name.png" -resize "${size}x${size}" -depth 8 "PNG32:$work/$name-$size.png"
  done
  # An .icns file is a header and typed chunks; ic07/ic08/ic09 hold 128/256/512-pixel PNGs as they are.
  python3 - "$work/$name" "$name.icns" <<'PY'
import struct, sys
base, out = sys.argv[1], sys.argv[2]
chunks = b""
for kind, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512)):
    png = open(f"{base}-{size}.png", "rb").read()
    chunks += kind + struct.pack(">I", 8 + len(png)) + png
open(out, "wb").write(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)
PY
done
# Linux installs a MIME type's icon as 128 pixels (jpackage's xdg-icon-resource --size 128).
convert bundle.png -resize 128x128 -depth 8 PNG32:bundle-128.png
ls -l ./*.ico ./*.icns bundle-128.png
