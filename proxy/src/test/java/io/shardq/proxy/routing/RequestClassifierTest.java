package io.shardq.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.catalogue.QueueKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestClassifierTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "null", textBlock = """
            # method, path,                            project, kind,          queue, write, creates, deletes, idempotent
            GET,     /v2/ping,                          p1,      PING,          null,  false, false,   false,   true
            HEAD,    /v2/ping,                          p1,      ANY_PARTITION, null,  false, false,   false,   true
            GET,     /v2/queues,                        p1,      QUEUE_LISTING, null,  false, false,   false,   true
            GET,     /v1.1/queues,                      p1,      QUEUE_LISTING, null,  false, false,   false,   true
            POST,    /v2/queues,                        p1,      ANY_PARTITION, null,  false, false,   false,   false
            GET,     /v2/queues/,                       p1,      ANY_PARTITION, null,  false, false,   false,   true
            PUT,     /v2/queues/q1,                     p1,      QUEUE,         q1,    true,  true,    false,   true
            GET,     /v2/queues/q1,                     p1,      QUEUE,         q1,    false, false,   false,   true
            DELETE,  /v2/queues/q1,                     p1,      QUEUE,         q1,    true,  false,   true,    true
            POST,    /v2/queues/q1/messages,            p1,      QUEUE,         q1,    true,  true,    false,   false
            GET,     /v2/queues/q1/messages,            p1,      QUEUE,         q1,    false, false,   false,   true
            POST,    /v2/queues/q.1-a_B/claims,         p1,      QUEUE,         q.1-a_B, true, false,  false,   false
            DELETE,  /v2/queues/q1/messages/abc,        p1,      QUEUE,         q1,    true,  false,   false,   true
            POST,    /v2/queues/q1/messages/x,          p1,      QUEUE,         q1,    true,  false,   false,   false
            PATCH,   /v1.1/queues/q1/claims/c1,         p1,      QUEUE,         q1,    true,  false,   false,   false
            PUT,     /v2/queues/q1,                     null,    ANY_PARTITION, null,  false, false,   false,   true
            PUT,     /v2/queues/q1,                     '',      ANY_PARTITION, null,  false, false,   false,   true
            PUT,     /v2/queues/bad!name,               p1,      ANY_PARTITION, null,  false, false,   false,   true
            PUT,     /v2/queues/q%201,                  p1,      ANY_PARTITION, null,  false, false,   false,   true
            GET,     /v3/queues/q1,                     p1,      ANY_PARTITION, null,  false, false,   false,   true
            GET,     v2/queues/q1,                      p1,      ANY_PARTITION, null,  false, false,   false,   true
            GET,     //v2/queues/q1,                    p1,      ANY_PARTITION, null,  false, false,   false,   true
            GET,     /v2,                               p1,      ANY_PARTITION, null,  false, false,   false,   true
            GET,     /,                                 p1,      ANY_PARTITION, null,  false, false,   false,   true
            GET,     '',                                p1,      ANY_PARTITION, null,  false, false,   false,   true
            GET,     /v2/pools/q1,                      p1,      ANY_PARTITION, null,  false, false,   false,   true
            OPTIONS, /v2/queues/q1/stats,               p1,      QUEUE,         q1,    true,  false,   false,   true
            """)
    void classifiesByMethodPathAndProject(String method, String path, String project, RequestKind kind, String queue,
                                          boolean write, boolean creates, boolean deletes, boolean idempotent) {
        ClassifiedRequest classified = RequestClassifier.classify(method, path, project);

        assertThat(classified).isEqualTo(new ClassifiedRequest(kind, queue == null ? null : QueueKey.of(project, queue),
                write, creates, deletes, idempotent));
    }

    @Test
    void aProjectLongerThanZaqarAllowsIsNotRouted() {
        assertThat(RequestClassifier.classify("GET", "/v2/queues/q1", "p".repeat(257)).kind())
                .isEqualTo(RequestKind.ANY_PARTITION);
        assertThat(RequestClassifier.classify("GET", "/v2/queues/q1", "p".repeat(256)).kind())
                .isEqualTo(RequestKind.QUEUE);
    }

    @Test
    void segmentsMatchSplit() {
        for (String path : new String[] {"", "/", "//", "/v2", "/v2/", "a/b/c/d/e/f/g", "/v2/queues/q1/messages/m1/x"}) {
            String[] split = path.split("/", -1);
            PathSegments segments = PathSegments.of(path);
            assertThat(segments.count()).as(path).isEqualTo(split.length);
            for (int i = 0; i < Math.min(split.length, PathSegments.KEPT); i++) {
                assertThat(segments.get(i)).as(path + " #" + i).isEqualTo(split[i]);
                assertThat(segments.is(i, split[i])).isTrue();
            }
        }
    }
}
