#!/usr/bin/python3
"""A small in-memory Zaqar v2 server: the test double that checks zaqarclient_check.py itself
(`zaqarclient-check --self-test`). It is NOT the product: it implements only the routes the check uses,
with Zaqar 15's status codes and bodies (SPEC.md) and shardq's FIFO guarantees.

    /usr/bin/python3 scripts/compat/fake_zaqar_server.py [PORT]    prints "public http://127.0.0.1:PORT"
"""

import json
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RESERVED = {'_max_messages_post_size': 262144, '_default_message_ttl': 3600, '_default_message_delay': 0,
            '_dead_letter_queue': None, '_dead_letter_queue_messages_ttl': None, '_max_claim_count': None,
            '_enable_encrypt_messages': False}
TRUE = {'true', 'True', 't', 'yes', 'y', '1', 'on'}
LOCK = threading.Lock()
QUEUES = {}     # (project, name) -> {'meta': {}, 'messages': [msg]}, msg: dict(id, k, body, ttl, created, client, claim)
CLAIMS = {}     # (project, name, cid) -> {'ttl', 'created', 'expires'}
COUNTER = [0]


class HttpError(Exception):
    def __init__(self, status, title='', description=None):
        super().__init__(title)
        self.status, self.title, self.description = status, title, description


def now():
    return time.time()


def claimed(msg):
    return msg['claim'] is not None and CLAIMS.get(msg['claim'], {}).get('expires', 0) > now()


def live(queue):
    t = now()
    queue['messages'] = [m for m in queue['messages'] if m['created'] + m['ttl'] > t]
    return queue['messages']


def view(path, msg, with_claim=True):
    href = '%s/messages/%s' % (path, msg['id'])
    if with_claim and msg['claim']:
        href += '?claim_id=' + msg['claim'][2]
    return {'id': msg['id'], 'href': href, 'ttl': msg['ttl'], 'age': int(now() - msg['created']), 'body': msg['body']}


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    disable_nagle_algorithm = True   # head and body are separate writes: avoid 40 ms delayed-ACK stalls

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.dispatch('GET')

    def do_PUT(self):
        self.dispatch('PUT')

    def do_POST(self):
        self.dispatch('POST')

    def do_PATCH(self):
        self.dispatch('PATCH')

    def do_DELETE(self):
        self.dispatch('DELETE')

    def dispatch(self, method):
        length = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(length) if length else b''
        try:
            url = urlsplit(self.path)
            self.query = {k: ','.join(v) for k, v in parse_qs(url.query).items()}  # ids=a&ids=b or ids=a,b
            self.check_headers(url.path)
            self.body = json.loads(raw) if raw else None
            with LOCK:
                status, answer = self.route(method, url.path)
        except HttpError as e:
            status, answer = e.status, {'title': e.title}
            if e.description:
                answer['description'] = e.description
        self.send(status, answer)

    def check_headers(self, path):
        if not path.startswith('/v2/'):
            raise HttpError(404, '404 Not Found')
        try:
            uuid.UUID(self.headers.get('Client-ID') or '')
        except ValueError:
            raise HttpError(400, 'Missing header value', 'The "Client-ID" header is required.')
        self.project = self.headers.get('X-Project-ID')
        if not self.project:
            raise HttpError(400, 'Project-Id Missing', 'The header X-PROJECT-ID was missing')
        self.client = str(uuid.UUID(self.headers['Client-ID']))

    def send(self, status, answer):
        data = b'' if answer is None else json.dumps(answer).encode()
        self.send_response(status)
        if answer is not None:
            self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def flag(self, name):
        return self.query.get(name, 'false') in TRUE

    def route(self, method, path):
        if path == '/v2/ping':
            return 204, None
        if path == '/v2/queues':
            return self.list_queues()
        m = re.fullmatch(r'/v2/queues/([A-Za-z0-9_.\-]{1,64})(/.*)?', path)
        if not m:
            raise HttpError(404, '404 Not Found')
        name, rest = m.group(1), m.group(2) or ''
        self.qpath = '/v2/queues/' + name
        key = (self.project, name)
        if rest == '':
            return getattr(self, 'queue_' + method.lower())(key)
        if rest == '/stats' and method == 'GET':
            return self.stats(key)
        if rest == '/messages':
            return getattr(self, 'messages_' + method.lower())(key)
        m = re.fullmatch(r'/messages/([^/]+)', rest)
        if m:
            return getattr(self, 'message_' + method.lower())(key, m.group(1))
        if rest == '/claims' and method == 'POST':
            return self.claim_post(key)
        m = re.fullmatch(r'/claims/([^/]+)', rest)
        if m:
            return getattr(self, 'claim_' + method.lower())(key, m.group(1))
        raise HttpError(405, '405 Method Not Allowed')

    # queues
    def queue_put(self, key):
        if key in QUEUES:
            return 204, None
        QUEUES[key] = {'meta': dict(self.body or {}), 'messages': []}
        return 201, None

    def queue_get(self, key):
        return 200, dict(RESERVED, **QUEUES.get(key, {'meta': {}})['meta'])

    def queue_patch(self, key):
        if self.headers.get('Content-Type') != 'application/openstack-messaging-v2.0-json-patch':
            raise HttpError(415, 'Accepted media type for PATCH')
        if key not in QUEUES:
            raise HttpError(404, 'Not found')
        meta = QUEUES[key]['meta']
        for change in self.body:
            field = change['path'].split('/')[2]
            if change['op'] in ('add', 'replace'):
                if change['op'] == 'replace' and field not in meta and field not in RESERVED:
                    raise HttpError(409, 'Resource conflict', "Can't replace non-existent object %s." % field)
                meta[field] = change['value']
            elif field in meta:
                del meta[field]
            elif field not in RESERVED:
                raise HttpError(409, 'Resource conflict', "Can't remove non-existent object %s." % field)
        return 200, dict(RESERVED, **meta)

    def queue_delete(self, key):
        QUEUES.pop(key, None)
        return 204, None

    def list_queues(self):
        limit = int(self.query.get('limit', 10))
        marker = self.query.get('marker', '')
        names = sorted(n for (p, n) in QUEUES if p == self.project and n > marker)[:limit]
        if not names:
            return 200, {'queues': [], 'links': []}
        nxt = '/v2/queues?limit=%d&marker=%s' % (limit, names[-1])
        return 200, {'queues': [{'name': n, 'href': '/v2/queues/' + n} for n in names],
                     'links': [{'rel': 'next', 'href': nxt}]}

    def stats(self, key):
        msgs = live(QUEUES[key]) if key in QUEUES else []
        n_claimed = sum(1 for m in msgs if claimed(m))
        out = {'claimed': n_claimed, 'free': len(msgs) - n_claimed, 'total': len(msgs)}
        if msgs:
            for end, m in (('oldest', msgs[0]), ('newest', msgs[-1])):
                out[end] = {'age': int(now() - m['created']), 'href': '%s/messages/%s' % (self.qpath, m['id']),
                            'created': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(m['created']))}
        return 200, {'messages': out}

    # messages
    def messages_post(self, key):
        docs = (self.body or {}).get('messages')
        if not isinstance(docs, list) or not docs:
            raise HttpError(400, 'Invalid API request', 'No messages were found in the request body.')
        queue = QUEUES.setdefault(key, {'meta': {}, 'messages': []})
        ids = []
        for doc in docs:
            if 'body' not in doc:
                raise HttpError(400, 'Invalid request body', 'Missing "body" field.')
            COUNTER[0] += 1
            msg = {'id': uuid.uuid4().hex, 'k': COUNTER[0], 'body': doc['body'], 'created': now(),
                   'ttl': doc.get('ttl', queue['meta'].get('_default_message_ttl', 3600)),
                   'client': self.client, 'claim': None}
            queue['messages'].append(msg)
            ids.append(msg['id'])
        return 201, {'resources': ['%s/messages/%s' % (self.qpath, i) for i in ids]}

    def messages_get(self, key):
        msgs = live(QUEUES[key]) if key in QUEUES else []
        if 'ids' in self.query:
            wanted = self.query['ids'].split(',')
            found = [view(self.qpath, m) for m in msgs if m['id'] in wanted]
            if not found:
                raise HttpError(404, 'Not found', 'No messages with IDs: %r found' % wanted)
            return 200, {'messages': found}
        limit = int(self.query.get('limit', 10))
        marker = int(self.query.get('marker', 0))
        page = [m for m in msgs if m['k'] > marker
                and (self.flag('echo') or m['client'] != self.client)
                and (self.flag('include_claimed') or not claimed(m))][:limit]
        if not page:
            return 200, {'messages': [], 'links': []}
        params = {k: v for k, v in self.query.items() if k != 'marker'}
        params['marker'] = str(page[-1]['k'])
        nxt = self.qpath + '/messages?' + '&'.join('%s=%s' % kv for kv in params.items())
        return 200, {'messages': [view(self.qpath, m) for m in page], 'links': [{'rel': 'next', 'href': nxt}]}

    def messages_delete(self, key):
        msgs = live(QUEUES[key]) if key in QUEUES else []
        if 'pop' in self.query:
            popped = [m for m in msgs if not claimed(m)][:int(self.query['pop'])]
            for m in popped:
                msgs.remove(m)
            return 200, {'messages': [{'id': m['id'], 'age': int(now() - m['created']), 'ttl': m['ttl'],
                                       'body': m['body'], 'claim_id': None, 'claim_count': 0} for m in popped]}
        wanted = set(self.query.get('ids', '').split(','))
        for m in [m for m in msgs if m['id'] in wanted]:
            msgs.remove(m)
        return 204, None

    def message_get(self, key, mid):
        for m in live(QUEUES[key]) if key in QUEUES else []:
            if m['id'] == mid:
                return 200, view(self.qpath, m)
        raise HttpError(404, 'Not found', 'Message %s does not exist' % mid)

    def message_delete(self, key, mid):
        msgs = live(QUEUES[key]) if key in QUEUES else []
        for m in msgs:
            if m['id'] != mid:
                continue
            cid = self.query.get('claim_id')
            if claimed(m) and cid != m['claim'][2]:
                if cid is None or (key + (cid,)) in CLAIMS:
                    raise HttpError(403, 'Unable to delete', 'This message is claimed; it cannot be deleted '
                                                            'without a valid claim ID.')
                raise HttpError(400, 'Unable to delete', 'The specified claim does not exist or has expired.')
            if cid is not None and not claimed(m):
                raise HttpError(400, 'Unable to delete', 'A claim was specified, but the message is not '
                                                        'currently claimed.')
            msgs.remove(m)
        return 204, None

    # claims
    def claim_post(self, key):
        body = self.body or {}
        ttl, grace = body.get('ttl', 300), body.get('grace', 60)
        for name, value in (('ttl', ttl), ('grace', grace)):
            if not isinstance(value, int):
                raise HttpError(400, 'Invalid request body', 'The value of the "%s" field must be a int.' % name)
        msgs = [m for m in (live(QUEUES[key]) if key in QUEUES else []) if not claimed(m)]
        msgs = msgs[:int(self.query.get('limit', 10))]
        if not msgs:
            return 204, None
        cid = key + (uuid.uuid4().hex,)
        CLAIMS[cid] = {'ttl': ttl, 'created': now(), 'expires': now() + ttl}
        for m in msgs:
            m['claim'] = cid
        return 201, {'messages': [view(self.qpath, m) for m in msgs]}

    def find_claim(self, key, cid):
        claim = CLAIMS.get(key + (cid,))
        if not claim or claim['expires'] <= now():
            raise HttpError(404, 'Not found', 'Claim %s does not exist' % cid)
        return claim

    def claim_get(self, key, cid):
        claim = self.find_claim(key, cid)
        msgs = [view(self.qpath, m) for m in live(QUEUES.get(key, {'messages': []})) if m['claim'] == key + (cid,)]
        return 200, {'age': int(now() - claim['created']), 'ttl': claim['ttl'], 'messages': msgs,
                     'href': '%s/claims/%s' % (self.qpath, cid)}

    def claim_patch(self, key, cid):
        claim = self.find_claim(key, cid)
        claim['ttl'] = (self.body or {}).get('ttl', 300)
        claim['expires'] = now() + claim['ttl']
        return 204, None

    def claim_delete(self, key, cid):
        CLAIMS.pop(key + (cid,), None)
        for m in QUEUES.get(key, {'messages': []})['messages']:
            if m['claim'] == key + (cid,):
                m['claim'] = None
        return 204, None


def main():
    server = ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1]) if len(sys.argv) > 1 else 0), Handler)
    print('public http://127.0.0.1:%d' % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
