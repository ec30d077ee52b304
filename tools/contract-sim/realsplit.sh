#!/bin/sh
# Real texts, newsroom order: the 120 source texts sorted by date (undated first = oldest),
# site m = the m oldest; compare site m with site m+1 (one newer article added), m = 100..119,
# and site 108 with site 120 (+12 newest at once).
set -e
cd /tmp/c3
python3 - <<'PY'
import json, os
d = [json.loads(l) for l in open('/work/shared/corpus/wikinews/articles.jsonl')]
d.sort(key=lambda a: ((a.get('published') or '')[:10], a['id']))
os.makedirs('real', exist_ok=True)
for m in list(range(100, 121)):
    os.makedirs(f'real/c{m}', exist_ok=True)
    with open(f'real/c{m}/part.jsonl', 'w') as f:
        for a in d[:m]: f.write(json.dumps(a, ensure_ascii=False) + '\n')
PY
for m in $(seq 100 120); do ./kiosque build real/c$m --out real/s$m --no-cache --quiet; done
