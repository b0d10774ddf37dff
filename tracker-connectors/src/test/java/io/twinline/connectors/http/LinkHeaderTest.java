package io.twinline.connectors.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeaderTest {

    @Test
    void findsNextLeniently() {
        assertThat(LinkHeader.next("<https://a.freshdesk.com/api/v2/tickets?page=2>; rel=\"next\""))
                .contains("https://a.freshdesk.com/api/v2/tickets?page=2");
        // the stray space of Freshdesk's own example
        assertThat(LinkHeader.next("< https://a.freshdesk.com/api/v2/tickets?page=2&per_page=100>;rel=next"))
                .contains("https://a.freshdesk.com/api/v2/tickets?page=2&per_page=100");
        assertThat(LinkHeader.next("<https://x/p1>; rel=\"prev\", <https://x/p3>; rel=\"next\"")).contains("https://x/p3");
        assertThat(LinkHeader.next("<https://x/p1>; rel=\"prev\"")).isEmpty();
        assertThat(LinkHeader.next(null)).isEmpty();
        assertThat(LinkHeader.next("")).isEmpty();
    }
}
