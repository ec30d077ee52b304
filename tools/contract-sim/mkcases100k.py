# 100k cases, as mkcases.py: n100k-newest1000 (+1%, dated after everything), n100k-newest1
import json, os, shutil, datetime
lines = open('/tmp/c3/all101001.jsonl').read().splitlines()
assert len(lines) == 101001
day0 = datetime.date(2024, 1, 5)
def newest(a, i):
    a = dict(a); a['published'] = (day0 + datetime.timedelta(days=i // 10)).isoformat()
    a['id'] = 'newest-' + a['id']; return a
def case(name, records):
    d = f'/tmp/c3/{name}'
    if os.path.exists(d): shutil.rmtree(d)
    os.makedirs(d)
    for f in os.listdir('/tmp/c3/b100k'): os.link(f'/tmp/c3/b100k/{f}', f'{d}/{f}')
    with open(f'{d}/part-plus.jsonl', 'w') as f:
        for r in records: f.write(json.dumps(r, ensure_ascii=False) + '\n')
case('n100k-newest1000', [newest(json.loads(l), i) for i, l in enumerate(lines[100000:101000])])
case('n100k-newest1', [newest(json.loads(lines[101000]), 0)])
