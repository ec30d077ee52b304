# Makes the three added-article cases from all10101.jsonl (corpus --articles 10101):
#  backfill100: ingest's "+1%" = articles 10000..10099 as generated (copies 83/84: dated 249-252 days
#               before their source texts, i.e. interleaved among the existing dates, 3 undated)
#  newest100:   the same 100 texts, ids "newest-<id>", dated after every existing article
#               (2024-01-05 onwards, 10 a day, like Source::newest's "day after the newest")
#  newest1:     article 10100 as Source::newest makes it (ingest's "+1 article (the newest)")
import json, os, shutil, datetime
lines = open('/tmp/c3/all10101.jsonl').read().splitlines()
assert len(lines) == 10101
first_new = [json.loads(l) for l in lines[10000:10100]]
def case(name, records):
    d = f'/tmp/c3/{name}'
    if os.path.exists(d): shutil.rmtree(d)
    shutil.copytree('/tmp/c3/base', d)
    with open(f'{d}/part-plus.jsonl', 'w') as f:
        for r in records: f.write(json.dumps(r, ensure_ascii=False) + '\n')
case('backfill100', first_new)
day0 = datetime.date(2024, 1, 5)
def newest(a, i):
    a = dict(a); a['published'] = (day0 + datetime.timedelta(days=i // 10)).isoformat()
    a['id'] = 'newest-' + a['id']; return a
case('newest100', [newest(a, i) for i, a in enumerate(first_new)])
case('newest1', [newest(json.loads(lines[10100]), 0)])
