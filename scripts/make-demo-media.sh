#!/usr/bin/env bash
# Regenerates the demo media the API simulator serves (assets/demo/).
#
# Everything here is synthesized from scratch (plasma/gradient art, sox-made
# chords), so the package ships no third-party media. The outputs are committed;
# users' machines never run this (they have no encoder) — it is kept as the
# record of how the files were made. Re-running it rewrites assets/demo/ and the
# manifest the simulator reads (widths, heights, byte sizes, MP3 durations).
#
# Needs: imagemagick (convert/identify), sox with libsox-fmt-mp3 (soxi reads MP3s), lame.
#   apt-get update && apt-get install -y imagemagick sox libsox-fmt-mp3 lame
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/assets/demo"
# Debian's ImageMagick 6 binary, named explicitly so a shim earlier in PATH cannot stand in for it.
CONVERT="${CONVERT:-/usr/bin/convert}"
IDENTIFY="${IDENTIFY:-/usr/bin/identify}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rm -rf "$out/images" "$out/audio"
mkdir -p "$out/images" "$out/audio"

# ------------------------------------------------------------------ images
# name | original size | how to paint it (ImageMagick arguments producing the 1600-wide original)
images=(
  "harbor-dusk|1600x1067|-seed 7 plasma:#1b2a49-#e07a5f -blur 0x6 -swirl 30"
  "lake-effect|1600x1067|-seed 21 plasma:#0b3954-#bfd7ea -blur 0x8"
  "paper-satellites|1600x1600|-seed 3 plasma:#2d0a4e-#f9c74f -blur 0x5 -swirl 120"
  "northern-static|1600x1067|gradient:#0f2027-#2c5364 ( -size 1600x1067 -seed 42 plasma:fractal -blur 0x10 -colorspace Gray ) -compose Overlay -composite"
  "red-lantern|1600x2000|-seed 11 plasma:#3d0c11-#ff7b54 -blur 0x7"
  "quiet-machines|1600x1067|radial-gradient:#e9ecef-#343a40 ( -size 1600x1067 -seed 5 plasma:#4361ee-#4cc9f0 -blur 0x12 ) -compose SoftLight -composite"
  "ice-road|1600x2000|-seed 99 plasma:#caf0f8-#03045e -blur 0x9 -swirl -60"
  "ember-field|1600x1067|-seed 64 plasma:#370617-#ffba08 -blur 0x4"
)

json_images=""
for spec in "${images[@]}"; do
  IFS='|' read -r name size paint <<<"$spec"
  mkdir -p "$out/images/$name"
  # shellcheck disable=SC2086  # $paint is a word list of ImageMagick arguments on purpose
  "$CONVERT" -size "$size" $paint "$work/$name.png"
  jpeg=(-strip -interlace Plane -sampling-factor 4:2:0 -quality 72)
  "$CONVERT" "$work/$name.png" "${jpeg[@]}" "$out/images/$name/original.jpeg"
  "$CONVERT" "$work/$name.png" -resize 1024x "${jpeg[@]}" "$out/images/$name/large.jpeg"
  "$CONVERT" "$work/$name.png" -resize 500x "${jpeg[@]}" "$out/images/$name/medium.jpeg"
  "$CONVERT" "$work/$name.png" -resize 240x "${jpeg[@]}" "$out/images/$name/small.jpeg"
  "$CONVERT" "$work/$name.png" -resize 100x100^ -gravity center -extent 100x100 "${jpeg[@]}" "$out/images/$name/thumbnail.jpeg"
  sizes=""
  for s in thumbnail small medium large original; do
    f="$out/images/$name/$s.jpeg"
    read -r w h < <("$IDENTIFY" -format '%w %h\n' "$f")
    bytes=$(stat -c %s "$f")
    sizes+="${sizes:+,}\"$s\":{\"file\":\"images/$name/$s.jpeg\",\"width\":$w,\"height\":$h,\"bytes\":$bytes}"
  done
  json_images+="${json_images:+,}\n    {\"name\":\"$name\",\"sizes\":{$sizes}}"
done

# ------------------------------------------------------------------ audio
# One note or chord: pluck/sine/triangle voices mixed to stereo.
#   tone OUT SECONDS WAVE NOTE... (notes in semitones from A4, sox's %N syntax)
tone() {
  local file="$1" len="$2" wave="$3"
  shift 3
  local voices=() n
  for n in "$@"; do voices+=("$wave" "%$n"); done
  local count=$#
  sox -n -r 44100 -b 16 -c "$count" -t wav - synth "$len" "${voices[@]}" 2>/dev/null |
    sox -t wav - -c 2 "$file" remix "1-$count" "1-$count" fade t 0.01 "$len" 0.08 2>/dev/null
}

# A sequence of steps, each "SECONDS:WAVE:NOTE,NOTE,…", concatenated, with room added.
#   phrase OUT SECONDS_TOTAL STEP...
phrase() {
  local file="$1" total="$2"
  shift 2
  local parts=() i=0 step len wave notes
  for step in "$@"; do
    IFS=':' read -r len wave notes <<<"$step"
    IFS=',' read -r -a chord <<<"$notes"
    tone "$work/step-$i.wav" "$len" "$wave" "${chord[@]}"
    parts+=("$work/step-$i.wav")
    i=$((i + 1))
  done
  sox "${parts[@]}" "$work/raw.wav"
  # Pad with the reverb tail, then cut to an exact whole number of seconds.
  sox "$work/raw.wav" "$file" gain -6 reverb 45 pad 0 3 trim 0 "$total" fade t 0 "$total" 1.5 gain -n -3
  rm -f "$work"/step-*.wav "$work/raw.wav"
}

# Repeats its arguments N times (to loop a bar).
times() { local n="$1" i; shift; for ((i = 0; i < n; i++)); do printf '%s\n' "$@"; done; }

mapfile -t arp < <(times 4 0.25:pluck:-9 0.25:pluck:-5 0.25:pluck:-2 0.25:pluck:3 0.25:pluck:-12 0.25:pluck:-8 0.25:pluck:-5 0.25:pluck:0)
mapfile -t drift < <(times 2 1:triangle:-12,-9,-5 1:triangle:-16,-12,-9 1:triangle:-21,-17,-14 1:triangle:-14,-10,-7)
mapfile -t bells < <(times 3 0.4:pluck:15 0.4:pluck:12 0.4:pluck:10 0.4:pluck:7 0.4:pluck:5 0.4:pluck:3 0.8:pluck:0)
mapfile -t waltz < <(times 4 0.5:pluck:-24 0.25:pluck:-12,-8,-5 0.25:pluck:-12,-8,-5 0.5:pluck:-19 0.25:pluck:-7,-3,0 0.25:pluck:-7,-3,0)
mapfile -t pulse < <(times 6 0.2:square:-33 0.2:square:-33 0.2:square:-21 0.2:square:-33 0.2:pluck:-9,-5,0 0.2:square:-28)
mapfile -t drone < <(times 2 1.5:sine:-21,-14 0.5:pluck:3 0.5:pluck:7 0.5:pluck:5 1.5:sine:-24,-17 0.5:pluck:0 0.5:pluck:3 0.5:pluck:-2)

# name | whole seconds | steps
clips=(arp:9 drift:10 bells:9 waltz:8 pulse:8 drone:11)
json_audio=""
for clip in "${clips[@]}"; do
  name="${clip%%:*}"
  secs="${clip##*:}"
  declare -n steps="$name"
  phrase "$work/$name.wav" "$secs" "${steps[@]}"
  unset -n steps
  lame --silent --cbr -b 128 "$work/$name.wav" "$out/audio/$name-128.mp3"
  lame --silent --cbr -b 320 "$work/$name.wav" "$out/audio/$name-320.mp3"
  # Durations as the MP3 decoder sees them (encoder padding included).
  d128=$(soxi -D "$out/audio/$name-128.mp3")
  d320=$(soxi -D "$out/audio/$name-320.mp3")
  b128=$(stat -c %s "$out/audio/$name-128.mp3")
  b320=$(stat -c %s "$out/audio/$name-320.mp3")
  json_audio+="${json_audio:+,}\n    {\"name\":\"$name\",\"seconds\":$secs,\"files\":{\"mp3_128kb\":{\"file\":\"audio/$name-128.mp3\",\"duration\":$d128,\"bytes\":$b128},\"mp3_320kb\":{\"file\":\"audio/$name-320.mp3\",\"duration\":$d320,\"bytes\":$b320}}}"
done

printf '{\n  "images": [%b\n  ],\n  "audio": [%b\n  ]\n}\n' "$json_images" "$json_audio" >"$out/manifest.json"
du -sh "$out"
