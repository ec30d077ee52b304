"""Reads a built Kiosque site (schema 2.3) into plain Python structures.

load(site) -> dict with
  order:    article ids in today's order (newest first, undated last)
  summaries: id -> summary (as in the summary page, entities as ids)
  entities: id -> entity (entity table: id, label, name, aliases, articles, mentions, confidence, value)
  ent_order: entity ids in today's table order
  bodies:   id -> body (blocks)
  files:    {'summaries': [...], 'entity_parts': [...], 'search': [...]}
"""
import json, glob, os


def load(site):
    s = json.load(open(os.path.join(site, 'site.json')))
    ent_order, entities = [], {}
    for p in s['entity_parts']:
        for e in json.load(open(os.path.join(site, p)))['entities']:
            ent_order.append(e['id'])
            entities[e['id']] = e
    order, summaries = [], {}
    for p in s['summaries']:
        for a in json.load(open(os.path.join(site, p)))['articles']:
            a = dict(a)
            a['entities'] = [ent_order[i] for i in a.get('entities', [])]
            order.append(a['id'])
            summaries[a['id']] = a
    bodies = {}
    for f in glob.glob(os.path.join(site, 'bodies', '*.json')):
        for x in json.load(open(f))['articles']:
            bodies[x['summary']['id']] = x['body']
            # body files carry the summary with entity ids: check they agree with the pages
            assert x['summary']['entities'] == summaries[x['summary']['id']]['entities'], x['summary']['id']
    search = sorted(os.path.relpath(f, site) for f in glob.glob(os.path.join(site, 'search', '*.json')))
    return dict(site=s, order=order, summaries=summaries, entities=entities, ent_order=ent_order,
                bodies=bodies, files=dict(summaries=s['summaries'], entity_parts=s['entity_parts'],
                                          search=search, cards=s.get('card_pages', [])))


def search_text(summary, body):
    """What the search index reads of an article: title, headings, paragraphs, embeds."""
    parts = [summary['title']]
    for b in body['blocks']:
        if b['kind'] in ('heading', 'paragraph', 'embed'):
            parts.append(b.get('text', ''))
    return '\n'.join(parts)


def mentions(body):
    """(block index, start, end, entity id, surface) of every mention, in reading order."""
    out = []
    for i, b in enumerate(body['blocks']):
        for m in b.get('mentions', []):
            out.append((i, m['start'], m['end'], m['entity'], b['text'][m['start']:m['end']]))
        if b.get('author_entity'):
            out.append((i, -1, -1, b['author_entity'], b.get('author', '')))
    return out
