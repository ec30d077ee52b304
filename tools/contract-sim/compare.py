"""Compare two Kiosque sites (before, after adding articles) for contract 3.0's stability.

usage: python3 compare.py SITE_BEFORE SITE_AFTER [--examples N] [--json OUT]
"""
import sys, json, hashlib, collections, unicodedata, re
from site_load import load, search_text, mentions

args = sys.argv[1:]
nex = 12
if '--examples' in args:
    i = args.index('--examples'); nex = int(args[i + 1]); del args[i:i + 2]
jout = None
if '--json' in args:
    i = args.index('--json'); jout = args[i + 1]; del args[i:i + 2]
B, A = load(args[0]), load(args[1])
R = collections.OrderedDict()
old_ids = set(B['order']); new_ids = [a for a in A['order'] if a not in old_ids]
gone_articles = old_ids - set(A['order'])
R['articles before/after/added/removed'] = (len(B['order']), len(A['order']), len(new_ids), len(gone_articles))
R['entities before/after'] = (len(B['entities']), len(A['entities']))

# ---------- today's files ----------
def changed_files(kind):
    b, a = set(B['files'][kind]), set(A['files'][kind])
    return f"{len(a - b)} of {len(a)} new names ({len(b - a)} old names gone)"
for k in ('summaries', 'entity_parts', 'search', 'cards'):
    R[f'today: {k} rewritten'] = changed_files(k)

# ---------- 1. linking stability ----------
eb, ea = B['entities'], A['entities']
gone = [e for e in eb if e not in ea]
chg = collections.Counter(); ex = collections.defaultdict(list)
for eid, e in eb.items():
    if eid not in ea: continue
    f = ea[eid]
    for fld in ('label', 'name', 'value'):
        if e.get(fld) != f.get(fld):
            chg[fld] += 1; ex[fld].append((eid, e.get(fld), f.get(fld)))
    if set(e.get('aliases', [])) != set(f.get('aliases', [])):
        chg['aliases (set)'] += 1
        ex['aliases'].append((eid, e['name'], sorted(set(f.get('aliases', [])) - set(e.get('aliases', []))),
                              sorted(set(e.get('aliases', [])) - set(f.get('aliases', [])))))
    elif e.get('aliases', []) != f.get('aliases', []):
        chg['aliases (order only)'] += 1
    if e.get('confidence') != f.get('confidence'):
        chg['confidence'] += 1; ex['confidence'].append((eid, e.get('confidence'), f.get('confidence')))
    if (e['articles'], e['mentions']) != (f['articles'], f['mentions']):
        chg['counts'] += 1
    if any(e.get(k) != f.get(k) for k in ('label', 'name', 'value', 'aliases', 'confidence')):
        chg['any of label/name/value/aliases/confidence'] += 1
R['1. old entities gone (id no longer in table)'] = len(gone)
for k, v in sorted(chg.items()):
    R[f'1. old entities with changed {k}'] = v

# mention-level mapping for old articles (same block, same span)
moved = collections.Counter(); span_changes = 0; art_ids_changed = 0; art_set_changed = 0
art_order_only = 0; body_hash_changed = 0; summary_other_changed = 0
for aid in B['order']:
    if aid not in A['summaries']: continue
    sb, sa = B['summaries'][aid], A['summaries'][aid]
    if sb['entities'] != sa['entities']:
        art_ids_changed += 1
        if set(sb['entities']) == set(sa['entities']): art_order_only += 1
        else: art_set_changed += 1
    if sb.get('body_hash') != sa.get('body_hash'): body_hash_changed += 1
    if {k: v for k, v in sb.items() if k not in ('entities', 'body_hash')} != \
       {k: v for k, v in sa.items() if k not in ('entities', 'body_hash')}:
        summary_other_changed += 1
    mb = {(i, s, e): (ent, t) for i, s, e, ent, t in mentions(B['bodies'][aid])}
    ma = {(i, s, e): (ent, t) for i, s, e, ent, t in mentions(A['bodies'][aid])}
    if mb.keys() != ma.keys(): span_changes += 1
    for k, (ent, t) in mb.items():
        if k in ma and ma[k][0] != ent:
            moved[(ent, ma[k][0])] += 1
R['1. old articles whose entity list (ids) changed'] = art_ids_changed
R['1.   of which set changed / order only'] = (art_set_changed, art_order_only)
R['1. old articles whose mention spans changed'] = span_changes
R['1. old articles whose body_hash changed'] = body_hash_changed
R['1. old articles whose summary changed otherwise'] = summary_other_changed
R['1. old mentions re-linked to another id (distinct id pairs, mentions)'] = (len(moved), sum(moved.values()))

# ---------- 2. contract 3.0 simulation ----------
def sim30(S, size_sum=1000, size_ent=5000, with_conf=True, fields=None):
    oldest = list(reversed(S['order']))                     # position 0 = oldest
    first = {}
    for pos, aid in enumerate(oldest):
        seen = []
        for _, _, _, ent, _ in mentions(S['bodies'][aid]):
            if ent not in seen: seen.append(ent)
        for ent in S['summaries'][aid]['entities']:         # any listed but not mentioned
            if ent not in seen: seen.append(ent)
        for k, ent in enumerate(seen):
            first.setdefault(ent, (pos, k))
    INF = (10**12, 0)
    eorder = sorted(S['entities'], key=lambda e: (first.get(e, INF), e))
    epos = {e: i for i, e in enumerate(eorder)}
    pages = []
    for p in range(0, len(oldest), size_sum):
        items = []
        for aid in oldest[p:p + size_sum]:
            s = dict(S['summaries'][aid]); s['entities'] = [epos[e] for e in s['entities']]
            items.append(s)
        pages.append(json.dumps(items, sort_keys=True, ensure_ascii=False))
    pages_nohash = []
    for p in range(0, len(oldest), size_sum):
        items = []
        for aid in oldest[p:p + size_sum]:
            s = {k: v for k, v in S['summaries'][aid].items() if k != 'body_hash'}
            s['entities'] = [epos[e] for e in s['entities']]; items.append(s)
        pages_nohash.append(json.dumps(items, sort_keys=True, ensure_ascii=False))
    keep = fields or (('id', 'label', 'name', 'aliases', 'value') + (('confidence',) if with_conf else ()))
    parts = []
    for p in range(0, len(eorder), size_ent):
        parts.append(json.dumps([{k: S['entities'][e][k] for k in keep if k in S['entities'][e]}
                                 for e in eorder[p:p + size_ent]], sort_keys=True, ensure_ascii=False))
    unmentioned = sum(1 for e in S['entities'] if e not in first)
    return dict(pages=pages, pages_nohash=pages_nohash, parts=parts, eorder=eorder, epos=epos,
                oldest=oldest, unmentioned=unmentioned)

def ndiff(a, b):
    n = max(len(a), len(b))
    return sum(1 for i in range(n) if i >= len(a) or i >= len(b) or a[i] != b[i]), n

sb30, sa30 = sim30(B), sim30(A)
R['2. 3.0: old articles keep their from-oldest number'] = sum(
    1 for i, a in enumerate(sb30['oldest']) if i < len(sa30['oldest']) and sa30['oldest'][i] == a)
R['2. 3.0: old entities keep their position'] = sum(
    1 for e, i in sb30['epos'].items() if sa30['epos'].get(e) == i)
first_moved = next((i for i, e in enumerate(sb30['eorder']) if i >= len(sa30['eorder']) or sa30['eorder'][i] != e), None)
R['2. 3.0: first entity position that differs (of before)'] = (first_moved, len(sb30['eorder']))
R['2. 3.0: summary pages changed (with body_hash)'] = '%d of %d' % ndiff(sb30['pages'], sa30['pages'])
R['2. 3.0: summary pages changed (without body_hash)'] = '%d of %d' % ndiff(sb30['pages_nohash'], sa30['pages_nohash'])
R['2. 3.0: entity parts changed (no counts, with confidence)'] = '%d of %d' % ndiff(sb30['parts'], sa30['parts'])
sb30n, sa30n = sim30(B, with_conf=False), sim30(A, with_conf=False)
R['2. 3.0: entity parts changed (no counts, no confidence)'] = '%d of %d' % ndiff(sb30n['parts'], sa30n['parts'])
for nm, flds in (('id,label,value,name', ('id', 'label', 'value', 'name')), ('id,label,value', ('id', 'label', 'value'))):
    x, y = sim30(B, fields=flds), sim30(A, fields=flds)
    R[f'2. 3.0: entity parts changed if they held only {nm}'] = '%d of %d' % ndiff(x['parts'], y['parts'])
for sz in (1000, 500):
    x, y = sim30(B, size_ent=sz), sim30(A, size_ent=sz)
    R[f'2. 3.0: entity parts of {sz} changed (full fields, no counts)'] = '%d of %d' % ndiff(x['parts'], y['parts'])
chg_pos = sorted(sb30['epos'][e] for e in eb if e in ea and any(eb[e].get(k) != ea[e].get(k) for k in ('label', 'name', 'value', 'aliases', 'confidence')))
R['2. 3.0: positions (of before) of old entities whose part fields changed'] = chg_pos[:30]
R['2. 3.0: entities mentioned by no article'] = (sb30['unmentioned'], sa30['unmentioned'])
# which pages changed, and why
def page_reasons(sbx, sax):
    out = []
    for p in range(min(len(sbx['pages']), len(sax['pages']))):
        if sbx['pages'][p] != sax['pages'][p]:
            out.append(p)
    return out
R['2. 3.0: changed summary page indices (0 = oldest)'] = page_reasons(sb30, sa30)

# ---------- 3. search segments ----------
txt_b = {a: hashlib.sha1(search_text(B['summaries'][a], B['bodies'][a]).encode()).hexdigest() for a in B['order']}
txt_a = {a: hashlib.sha1(search_text(A['summaries'][a], A['bodies'][a]).encode()).hexdigest() for a in A['order']}
R['3. old articles whose searchable text/title changed'] = sum(1 for a in txt_b if a in txt_a and txt_b[a] != txt_a[a])
for seg in (1024, 4096):
    ob, oa = sb30['oldest'], sa30['oldest']
    nb, na = (len(ob) + seg - 1) // seg, (len(oa) + seg - 1) // seg
    changed = 0
    for s in range(na):
        blk_b = [(a, txt_b[a]) for a in ob[s * seg:(s + 1) * seg]]
        blk_a = [(a, txt_a[a]) for a in oa[s * seg:(s + 1) * seg]]
        if blk_b != blk_a: changed += 1
    R[f'3. segments of {seg} changed (after has {na}, before {nb})'] = changed

# ---------- 4. name-key components ----------
def fold(s):
    s = unicodedata.normalize('NFKD', s.lower().replace('œ', 'oe').replace('æ', 'ae'))
    return ''.join(c for c in s if not unicodedata.combining(c))
WORD = re.compile(r'\w+')
def keys(surface, label, with_label):
    w = WORD.findall(fold(surface))
    if not w: return set()
    ks = {'f:' + ' '.join(w)}
    if label == 'PER': ks.add('s:' + w[-1])                 # surname (last word); a lone name is its own
    return {(label + ks_) if with_label else ks_ for ks_ in ks}

def components(S, new, with_label):
    ent_keys = collections.defaultdict(set); key_ents = collections.defaultdict(set)
    new_keys = set()
    for aid in S['order']:
        for _, _, _, ent, t in mentions(S['bodies'][aid]):
            lab = S['entities'].get(ent, {}).get('label', '?')
            if lab == 'DATE': continue
            ks = keys(t, lab, with_label) | keys(S['entities'][ent]['name'], lab, with_label)
            for k in ks:
                ent_keys[ent].add(k); key_ents[k].add(ent)
            if aid in new: new_keys |= ks
    nondate = [e for e, x in S['entities'].items() if x['label'] != 'DATE']
    direct = set().union(*(key_ents[k] for k in new_keys)) if new_keys else set()
    # connected component (entity - key bipartite graph) of the new mentions
    seen_k, seen_e, stack = set(new_keys), set(), list(new_keys)
    while stack:
        k = stack.pop()
        for e in key_ents[k]:
            if e in seen_e: continue
            seen_e.add(e)
            for k2 in ent_keys[e]:
                if k2 not in seen_k: seen_k.add(k2); stack.append(k2)
    # largest component overall
    comp_of = {}; sizes = []
    for e0 in ent_keys:
        if e0 in comp_of: continue
        cid = len(sizes); st = [e0]; comp_of[e0] = cid; n = 0
        while st:
            e = st.pop(); n += 1
            for k in ent_keys[e]:
                for e2 in key_ents[k]:
                    if e2 not in comp_of: comp_of[e2] = cid; st.append(e2)
        sizes.append(n)
    touched_comps = {comp_of[e] for e in direct if e in comp_of}
    ment = {e: S['entities'][e]['mentions'] for e in ent_keys}
    tot = sum(ment.values()); inclos = sum(ment[e] for e in seen_e if e in ment)
    print(f'   [4] mention share of the touched components ({"per label" if with_label else "across labels"}): {inclos}/{tot} = {100*inclos/tot:.1f}%')
    return dict(nondate=len(nondate), direct=len(direct), closure=len(seen_e),
                largest=max(sizes), ncomp=len(sizes), touched_comps=len(touched_comps))

newset = set(new_ids)
for wl in (True, False):
    c = components(A, newset, wl)
    tag = 'keys per label' if wl else 'keys across labels'
    R[f'4. ({tag}) non-date entities'] = c['nondate']
    R[f'4. ({tag}) entities sharing a key with new mentions'] = '%d (%.1f%%)' % (c['direct'], 100 * c['direct'] / c['nondate'])
    R[f'4. ({tag}) their connected components, entities'] = '%d (%.1f%%) in %d components' % (
        c['closure'], 100 * c['closure'] / c['nondate'], c['touched_comps'])
    R[f'4. ({tag}) components overall / largest'] = (c['ncomp'], c['largest'])

for k, v in R.items():
    print(f'{k}: {v}')

print('\n== examples ==')
for fld in ('name', 'label', 'value', 'aliases', 'confidence'):
    if ex[fld]:
        print(f'-- {fld} ({len(ex[fld])}):')
        for x in ex[fld][:nex]: print('  ', x)
if gone:
    print(f'-- gone ({len(gone)}):')
    for g in gone[:nex]:
        tgt = [(b, n) for (a, b), n in moved.items() if a == g]
        print('  ', g, repr(eb[g]['name']), eb[g].get('aliases', []), eb[g]['articles'], '->', tgt,
              [(t, ea[t]['name'], ea[t].get('aliases', [])) for t, _ in tgt if t in ea][:2])
new_ents = [e for e in ea if e not in eb]
print(f'-- new entity ids ({len(new_ents)}), first few:', new_ents[:nex])
# new ids that old articles now use
olduse = collections.Counter(b for (a, b), n in moved.items() if b not in eb)
print(f'-- new ids that old mentions moved to ({len(olduse)}):', list(olduse)[:nex])
print('-- re-linked pairs (old id -> new id, mentions), most first:')
for (a, b), n in moved.most_common(nex):
    print('  ', a, '->', b, n, '| before:', eb.get(a, {}).get('name'), '| after:', ea.get(b, {}).get('name'),
          '| old id still exists after:', a in ea)
if jout:
    json.dump({k: v for k, v in R.items()}, open(jout, 'w'), indent=1, default=str)
