#!/usr/bin/python3
"""Compatibility check: drive a running Zaqar-compatible server with the real python-zaqarclient (API v2).

Run with Debian's interpreter, the only one that can import the client:

    /usr/bin/python3 scripts/compat/zaqarclient_check.py --url http://127.0.0.1:8888

Each step prints "ok <step>"; the first failed assertion prints "FAIL <step>: <why>" and exits 1.
A connection failure exits 2. The queue is deleted at the end (also after a failure, unless --keep).

The steps follow Zaqar 15's semantics (SPEC.md) plus shardq's guarantees ("Where we go further"):
strict FIFO for listings, claims and pop.
"""

import argparse
import sys
import traceback
import uuid

from zaqarclient.queues import client as zaqar_client
from zaqarclient.queues.v1 import core
from zaqarclient.transport import errors

DEFAULT_PROJECT = 'zaqarclient-check'
CLAIM_TTL = 120
CLAIM_GRACE = 60
UPDATED_CLAIM_TTL = 240
DEFAULT_MESSAGE_TTL = 3600
RESERVED_DEFAULTS = {
    '_max_messages_post_size': 262144,
    '_default_message_ttl': 3600,
    '_default_message_delay': 0,
}


class CheckFailed(Exception):
    pass


def expect(condition, message, *args):
    if not condition:
        raise CheckFailed(message % args if args else message)


def expect_equal(actual, expected, what):
    expect(actual == expected, '%s: got %r, expected %r', what, actual, expected)


def new_client(url, project):
    """A v2 client with its own Client-ID and no auth, sending X-Project-Id: project.

    zaqarclient reads 'client_uuid' from the top level of conf (not from auth_opts), and the auth
    backend defaults to keystone, so 'backend': 'noauth' is required.
    """
    client_id = str(uuid.uuid4())
    conf = {
        'client_uuid': client_id,
        'auth_opts': {'backend': 'noauth', 'options': {'os_project_id': project}},
    }
    return zaqar_client.Client(url, version=2, conf=conf), client_id


def stats_of(queue):
    stats = queue.stats
    expect(isinstance(stats, dict) and 'messages' in stats, 'stats: got %r, expected {"messages": {...}}', stats)
    return stats['messages']


def expect_counts(queue, free, claimed, what):
    messages = stats_of(queue)
    actual = (messages.get('free'), messages.get('claimed'), messages.get('total'))
    expect(actual == (free, claimed, free + claimed),
           '%s: stats (free, claimed, total) = %r, expected %r', what, actual, (free, claimed, free + claimed))
    return messages


def message_id(href):
    return href.split('?')[0].rstrip('/').split('/')[-1]


def raw_delete(client, queue_name, msg_id, claim_id=None):
    """DELETE /v2/queues/q/messages/id[?claim_id=] through the client's transport (no object API for it)."""
    req, trans = client._request_and_transport()
    core.message_delete(trans, req, queue_name, msg_id, claim_id)


class Check:
    def __init__(self, url, project, queue_name):
        self.url = url
        self.project = project
        self.queue_name = queue_name
        self.producer, self.producer_id = new_client(url, project)
        self.consumer, self.consumer_id = new_client(url, project)
        self.pq = None     # the queue as the producer sees it
        self.cq = None     # the queue as the consumer sees it
        self.ids = []      # posted ids, in posting order
        self.bodies = []   # posted bodies, same order

    def run(self, step_filter=None):
        steps = [
            ('ping', self.ping),
            ('create queue', self.create_queue),
            ('list queues', self.list_queues),
            ('set and get metadata', self.metadata),
            ('post messages', self.post_messages),
            ('stats after post', self.stats_after_post),
            ('list without echo hides own messages', self.list_without_echo),
            ('list with echo', self.list_with_echo),
            ('list by another client', self.list_by_other_client),
            ('list pages follow next links', self.list_pages),
            ('get message by id', self.get_by_id),
            ('get messages by ids', self.get_by_ids),
            ('claim', self.claim),
            ('get claim', self.get_claim),
            ('list hides claimed unless include_claimed', self.list_claimed),
            ('update claim', self.update_claim),
            ('delete claimed message without claim id is refused', self.delete_without_claim),
            ('delete message with claim id', self.delete_with_claim),
            ('release claim', self.release_claim),
            ('pop', self.pop),
            ('body types and default ttl', self.body_types),
            ('delete messages by ids', self.delete_by_ids),
            ('delete queue', self.delete_queue),
        ]
        for name, step in steps:
            if step_filter and name not in step_filter:
                continue
            try:
                step()
            except CheckFailed as e:
                raise CheckFailed('%s: %s' % (name, e))
            except errors.TransportError as e:
                raise CheckFailed('%s: unexpected error answer: %s' % (name, e))
            print('ok %s' % name, flush=True)

    # -- steps ---------------------------------------------------------------------------------------

    def ping(self):
        # the client's ping() swallows every error: False means unreachable or a non-2xx answer
        expect(self.producer.ping() is True, 'GET /v2/ping failed (server unreachable, or not 204)')

    def create_queue(self):
        # v2 clients create queues only when forced (PUT /v2/queues/q, 201 or 204)
        self.pq = self.producer.queue(self.queue_name, force_create=True)
        self.cq = self.consumer.queue(self.queue_name, auto_create=False)
        expect_counts(self.pq, 0, 0, 'new queue')

    def list_queues(self):
        queues, _count = self.producer.queues(limit=20)
        names = [q.name for q in queues.stream()]
        expect(self.queue_name in names, 'GET /v2/queues (all pages): %r not among %d names', self.queue_name, len(names))
        expect_equal(len(names), len(set(names)), 'queue listing has no duplicates')

    def metadata(self):
        # v2: GET the queue, then PATCH (json-patch). The client also sends "remove" for every reserved key
        # the GET returned; the server must accept removing a reserved key that was never set.
        meta = self.pq.metadata(new_meta={'color': 'red', 'size': 3})
        expect_equal(meta.get('color'), 'red', 'PATCH answer color')
        meta = self.pq.metadata(force_reload=True)
        expect_equal(meta.get('color'), 'red', 'metadata color')
        expect_equal(meta.get('size'), 3, 'metadata size')
        for key, value in RESERVED_DEFAULTS.items():
            expect_equal(meta.get(key), value, 'reserved default %s' % key)
        meta = self.pq.metadata(new_meta={'color': 'blue'})
        meta = self.pq.metadata(force_reload=True)
        expect_equal(meta.get('color'), 'blue', 'metadata color after replace')
        expect('size' not in meta, 'metadata size removed: got %r', meta)

    def post_messages(self):
        self.bodies = [{'event': 'created', 'n': n, 'text': 'h\u00e9llo \u2713', 'nested': {'list': [n, None, True]}}
                       for n in range(5)]
        result = self.pq.post([{'ttl': 300, 'body': body} for body in self.bodies])
        resources = result.get('resources') if isinstance(result, dict) else None
        expect(isinstance(resources, list) and len(resources) == 5,
               'POST messages: got %r, expected {"resources": [5 hrefs]}', result)
        prefix = '/v2/queues/%s/messages/' % self.queue_name
        for href in resources:
            expect(href.startswith(prefix), 'resource %r does not start with %r', href, prefix)
        self.ids = [message_id(href) for href in resources]
        expect_equal(len(set(self.ids)), 5, 'distinct message ids')

    def stats_after_post(self):
        messages = expect_counts(self.pq, 5, 0, 'after posting 5')
        for end, msg_id in (('oldest', self.ids[0]), ('newest', self.ids[-1])):
            info = messages.get(end)
            expect(isinstance(info, dict), 'stats %s: got %r', end, info)
            for key in ('age', 'created', 'href'):
                expect(key in info, 'stats %s lacks %r: %r', end, key, info)
            expect_equal(message_id(info['href']), msg_id, 'stats %s message' % end)

    def list_without_echo(self):
        listed = list(self.pq.messages())
        expect_equal(len(listed), 0, 'messages listed by their own poster without echo')

    def list_with_echo(self):
        listed = list(self.pq.messages(echo=True))
        expect_equal([m.id for m in listed], self.ids, 'ids listed with echo (FIFO)')
        expect_equal([m.body for m in listed], self.bodies, 'bodies listed with echo')
        for m in listed:
            expect_equal(m.ttl, 300, 'ttl of %s' % m.id)
            expect(isinstance(m.age, int) and m.age >= 0, 'age of %s: %r', m.id, m.age)

    def list_by_other_client(self):
        listed = list(self.cq.messages())
        expect_equal([m.id for m in listed], self.ids, 'ids listed by another Client-ID without echo')

    def list_pages(self):
        listed = list(self.pq.messages(echo=True, limit=2).stream())
        expect_equal([m.id for m in listed], self.ids, 'ids over pages of 2')

    def get_by_id(self):
        m = self.cq.message(self.ids[2])
        expect_equal(m.id, self.ids[2], 'GET message id')
        expect_equal(m.body, self.bodies[2], 'GET message body')
        try:
            self.cq.message(uuid.uuid4().hex[:24])
            raise CheckFailed('GET of an unknown message id: expected 404')
        except errors.ResourceNotFound:
            pass

    def get_by_ids(self):
        wanted = [self.ids[1], self.ids[3]]
        got = {m.id: m.body for m in self.cq.messages(*wanted)}
        expect_equal(got, {self.ids[1]: self.bodies[1], self.ids[3]: self.bodies[3]}, 'GET messages?ids=')

    def claim(self):
        self.claim_obj = self.cq.claim(ttl=CLAIM_TTL, grace=CLAIM_GRACE, limit=3)
        expect(self.claim_obj.id, 'POST claims: no claim id in the message hrefs')
        self.claimed = list(self.claim_obj)
        expect_equal([m.id for m in self.claimed], self.ids[:3], 'claimed ids (oldest first)')
        expect_equal([m.body for m in self.claimed], self.bodies[:3], 'claimed bodies')
        for m in self.claimed:
            expect_equal(m.claim_id, self.claim_obj.id, 'claim id in the href of %s' % m.id)
        expect_counts(self.cq, 2, 3, 'after claiming 3')

    def get_claim(self):
        again = self.cq.claim(id=self.claim_obj.id)
        expect_equal(again.ttl, CLAIM_TTL, 'GET claim ttl')
        expect(isinstance(again.age, int) and again.age >= 0, 'GET claim age: %r', again.age)
        # Claim._get builds v1 Message objects (no .id attribute): take the ids from the hrefs
        listed = list(again)
        expect_equal(sorted(message_id(m.href) for m in listed), sorted(self.ids[:3]), 'GET claim messages')
        for m in listed:
            expect_equal(m.claim_id, self.claim_obj.id, 'claim id in the GET claim href of %s' % message_id(m.href))

    def list_claimed(self):
        expect_equal([m.id for m in self.cq.messages()], self.ids[3:], 'unclaimed messages listed')
        expect_equal([m.id for m in self.cq.messages(include_claimed=True)], self.ids,
                     'messages listed with include_claimed')

    def update_claim(self):
        self.claim_obj.update(ttl=UPDATED_CLAIM_TTL, grace=CLAIM_GRACE)
        expect_equal(self.cq.claim(id=self.claim_obj.id).ttl, UPDATED_CLAIM_TTL, 'claim ttl after PATCH')
        expect_counts(self.cq, 2, 3, 'after updating the claim')

    def delete_without_claim(self):
        try:
            raw_delete(self.consumer, self.queue_name, self.ids[0])
            raise CheckFailed('DELETE of a claimed message without claim_id: expected 403')
        except errors.ForbiddenError:
            pass
        try:
            raw_delete(self.consumer, self.queue_name, self.ids[0], claim_id=str(uuid.uuid4()))
            raise CheckFailed('DELETE of a claimed message with a wrong claim_id: expected 400 or 403')
        except (errors.ForbiddenError, errors.MalformedRequest):
            pass
        expect_counts(self.cq, 2, 3, 'after refused deletes')

    def delete_with_claim(self):
        self.claimed[0].delete()    # DELETE href?claim_id=
        expect_counts(self.cq, 2, 2, 'after deleting 1 claimed message')
        try:
            self.cq.message(self.ids[0])
            raise CheckFailed('GET of a deleted message: expected 404')
        except errors.ResourceNotFound:
            pass

    def release_claim(self):
        self.claim_obj.delete()
        expect_counts(self.cq, 4, 0, 'after releasing the claim')
        try:
            self.cq.claim(id=self.claim_obj.id).ttl
            raise CheckFailed('GET of a released claim: expected 404')
        except errors.ResourceNotFound:
            pass

    def pop(self):
        popped = list(self.cq.pop(count=2))
        expect_equal([m.id for m in popped], self.ids[1:3], 'popped ids (FIFO)')
        expect_equal([m.body for m in popped], self.bodies[1:3], 'popped bodies')
        expect_counts(self.cq, 2, 0, 'after popping 2')

    def body_types(self):
        bodies = ['just a string', [1, 'two', {'three': 3}], 42, {'empty': {}}]
        result = self.pq.post([{'body': b} for b in bodies])     # no ttl: the default applies
        ids = [message_id(href) for href in result['resources']]
        got = {m.id: m for m in self.cq.messages(*ids)}
        expect_equal([got[i].body for i in ids], bodies, 'bodies of every JSON type')
        expect_equal([got[i].ttl for i in ids], [DEFAULT_MESSAGE_TTL] * 4, 'default message ttl')
        expect_counts(self.cq, 6, 0, 'after posting 4 more')
        self.ids = self.ids[3:] + ids

    def delete_by_ids(self):
        self.pq.delete_messages(*self.ids)
        expect_counts(self.cq, 0, 0, 'after deleting by ids')
        expect('oldest' not in stats_of(self.cq), 'stats of an empty queue carry no oldest message')

    def delete_queue(self):
        self.pq.delete()
        queues, _count = self.producer.queues(limit=20)
        names = [q.name for q in queues.stream()]
        expect(self.queue_name not in names, 'deleted queue %r still listed', self.queue_name)
        expect_counts(self.pq, 0, 0, 'stats of a deleted queue')

    def cleanup(self):
        try:
            self.producer.queue(self.queue_name, auto_create=False).delete()
        except Exception:  # noqa: best effort after a failure
            pass


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description='Drive a Zaqar-compatible server with python-zaqarclient (API v2); '
                    'print "ok <step>" per step, exit non-zero on the first failure.')
    parser.add_argument('--url', required=True, help='base URL of the server, e.g. http://127.0.0.1:8888')
    parser.add_argument('--project', default=DEFAULT_PROJECT, help='X-Project-ID (default: %(default)s)')
    parser.add_argument('--queue', default=None, help='queue name (default: a fresh random name)')
    parser.add_argument('--keep', action='store_true', help='keep the queue after a failure')
    parser.add_argument('--step', action='append', help='run only this step (repeatable; for debugging)')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    queue_name = args.queue or 'zqc-' + uuid.uuid4().hex[:12]
    check = Check(args.url, args.project, queue_name)
    print('zaqarclient-check: %s project=%s queue=%s' % (args.url, args.project, queue_name), flush=True)
    try:
        check.run(set(args.step) if args.step else None)
    except CheckFailed as e:
        print('FAIL %s' % e, flush=True)
        if not args.keep:
            check.cleanup()
        return 1
    except Exception as e:  # noqa: a transport or client failure is a failure of the check too
        traceback.print_exc()
        connection = 'onnection' in type(e).__name__ or 'onnection' in str(e)
        print('FAIL %s: %s' % ('cannot reach ' + args.url if connection else 'unexpected error', e), flush=True)
        if not args.keep and not connection:
            check.cleanup()
        return 2 if connection else 1
    print('ok all (%s)' % args.url, flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
