// Test fixtures (kept out of the build by their file name): parses a feed with a real feed reader's parser,
// Debian's python3-feedparser, run as a child process.
import { execFileSync } from 'node:child_process';

// Debian's python3 (python3-feedparser), by full path: a python3 earlier on PATH may not have the module.
const PYTHON = '/usr/bin/python3';
const FEEDPARSER = `
import sys, json, calendar, html, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
def when(e):
    t = e.get('published_parsed') or e.get('updated_parsed')
    return calendar.timegm(t) if t else None
print(json.dumps({
  'bozo': int(d.bozo), 'error': str(d.get('bozo_exception', '')), 'version': d.version,
  'title': d.feed.get('title'), 'link': d.feed.get('link'),
  'entries': [{
    'title': html.unescape(e.get('title', '')), 'link': e.get('link'), 'id': e.get('id'),
    'time': when(e), 'authors': [a.get('name') for a in e.get('authors', [])],
    'tags': [t.get('term') for t in e.get('tags', [])], 'summary': e.get('summary', ''),
    'content': (e.get('content') or [{}])[0].get('value', ''),
  } for e in d.entries]}))
`;

export interface Parsed {
  bozo: number;
  error: string;
  version: string;
  title: string;
  link: string;
  entries: Array<{
    title: string;
    link: string;
    id: string;
    time: number;
    authors: string[];
    tags: string[];
    summary: string;
    content: string;
  }>;
}

export function feedparse(xml: string): Parsed {
  return JSON.parse(execFileSync(PYTHON, ['-c', FEEDPARSER], { input: xml, encoding: 'utf8' }));
}
