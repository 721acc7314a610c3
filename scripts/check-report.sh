#!/usr/bin/env bash
# Issue 15: look at the HTML report as people circulate it. Builds pmk3i, fills a whole
# borang for one respondent through plain mode (Kota Sukamaju, candidates Kuliner and
# Musik, levels cycling 0–4), writes the Indonesian HTML report, then
#   - prints it on A4 with headless Chromium and counts the pages (pdfinfo);
#   - prints the summary alone (a copy with the detail hidden) and counts its pages:
#     it must fit two, the detail starting on page 3;
#   - renders every A4 page as a PNG (pdftoppm) for looking at;
#   - opens it in a 390 px wide window (a phone) and reports whether the page is wider
#     than the window, i.e. whether anything needs sideways scrolling.
# Needs chromium and poppler-utils (apt-get install -y chromium poppler-utils); it is
# not part of `cargo test`. Output goes to ${OUT:-target/report-check}.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-target/report-check}
rm -rf "$OUT" && mkdir -p "$OUT"
for tool in chromium pdfinfo pdftoppm; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y chromium poppler-utils" >&2; exit 2; }
done
cargo build --quiet
BIN=target/debug/pmk3i
DB="$OUT/check.sqlite3"
{
  printf 'n\n1\nKota Sukamaju\nJawa Barat\n2026\n10,11\nSari Wulandari\nDinas Pariwisata\nG\n'
  for i in $(seq 0 120); do echo $((i % 5)); done
} | "$BIN" --plain --db "$DB" >"$OUT/plain-session.txt" 2>&1 || true
ID=$("$BIN" --db "$DB" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$BIN" --db "$DB" report "$ID" --format html --out "$OUT/report.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$OUT/report.pdf" "file://$PWD/$OUT/report.html" 2>/dev/null
PAGES=$(pdfinfo "$OUT/report.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 50 "$OUT/report.pdf" "$OUT/page"
# The summary alone: the same file with the detail (and the footer after it) hidden.
sed -e 's|</head>|<style>#detail,footer{display:none}</style></head>|' "$OUT/report.html" >"$OUT/summary.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$OUT/summary.pdf" "file://$PWD/$OUT/summary.html" 2>/dev/null
SUMMARY_PAGES=$(pdfinfo "$OUT/summary.pdf" | awk '/^Pages:/ {print $2}')
# The phone: a 390 px viewport. A copy of the report with a measuring script (the
# report itself has none) lists every table wider than its box, by section.
phone_check() {
  sed -e 's|</head>|<style>html{width:390px;overflow:hidden}</style></head>|' -e 's|</body>|<script>const over=[...document.querySelectorAll("table")].filter(t=>t.scrollWidth>t.parentElement.clientWidth+1).map(t=>(t.closest("section")\|\|{}).id);document.body.setAttribute("data-check",JSON.stringify({page:document.documentElement.scrollWidth,view:document.documentElement.clientWidth,over}));</script></body>|' \
    "$1" >"$1.measure.html"
  chromium --headless --no-sandbox --disable-gpu --window-size=390,844 --dump-dom \
    "file://$PWD/$1.measure.html" 2>/dev/null | grep -o 'data-check="[^"]*"' | sed 's/&quot;/"/g'
}
chromium --headless --no-sandbox --disable-gpu --window-size=390,844 \
  --screenshot="$OUT/phone.png" "file://$PWD/$OUT/report.html" 2>/dev/null
CHECK=$(phone_check "$OUT/report.html")
# The widest summary: the same borang with a consensus level for every answer and a
# verified level for some (written straight into a copy of the database, when the
# sqlite3 shell is there), so the pillar table has all three bases.
BASES_PAGES="not measured (no sqlite3)"
BASES_CHECK="not measured"
if command -v sqlite3 >/dev/null; then
  cp "$DB" "$OUT/bases.sqlite3"
  sqlite3 "$OUT/bases.sqlite3" "INSERT INTO agreed_level (assessment_id, kind, indicator, subsector, level, na, note, updated_at)
    SELECT r.assessment_id, 'consensus', a.indicator, a.subsector, MIN(4, COALESCE(a.level, 0) + 1), 0, '', '2026-01-01T00:00:00Z'
    FROM answer a JOIN respondent r ON r.id = a.respondent_id;
    INSERT INTO agreed_level (assessment_id, kind, indicator, subsector, level, na, note, updated_at)
    SELECT r.assessment_id, 'verified', a.indicator, a.subsector, COALESCE(a.level, 0), 0, '', '2026-01-01T00:00:00Z'
    FROM answer a JOIN respondent r ON r.id = a.respondent_id WHERE a.indicator LIKE 'k%';"
  "$BIN" --db "$OUT/bases.sqlite3" report "$ID" --format html --out "$OUT/bases.html" >/dev/null
  sed -e 's|</head>|<style>#detail,footer{display:none}</style></head>|' "$OUT/bases.html" >"$OUT/bases-summary.html"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$OUT/bases-summary.pdf" "file://$PWD/$OUT/bases-summary.html" 2>/dev/null
  BASES_PAGES=$(pdfinfo "$OUT/bases-summary.pdf" | awk '/^Pages:/ {print $2}')
  BASES_CHECK=$(phone_check "$OUT/bases.html")
  pdftoppm -png -r 50 "$OUT/bases-summary.pdf" "$OUT/bases-summary"
fi
echo "A4 pages: $PAGES (PNG pages in $OUT/page-*.png)"
echo "summary: $SUMMARY_PAGES A4 page(s) (it must fit 2)"
echo "summary with consensus and verified levels: $BASES_PAGES A4 page(s) ($OUT/bases-summary-*.png)"
echo "phone (390 px): $CHECK — 'over' lists the sections whose tables scroll sideways"
echo "phone (390 px), with consensus and verified levels: $BASES_CHECK"
echo "phone screenshot: $OUT/phone.png"
