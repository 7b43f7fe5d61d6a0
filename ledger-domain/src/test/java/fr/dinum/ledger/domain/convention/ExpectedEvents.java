package fr.dinum.ledger.domain.convention;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Expected events where one of them cannot be written out in full (an ERDA's SHA-256): each
 * expected item is either an event, compared with equals, or a class, matched by type.
 */
final class ExpectedEvents {

    private ExpectedEvents() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Matcher<List<EventMessage<?>>> exactly(Object... expected) {
        List<Matcher<?>> matchers = new ArrayList<>();
        for (Object item : expected) {
            matchers.add(item instanceof Class<?> type
                    ? Matchers.predicate(type::isInstance)
                    : Matchers.predicate(item::equals));
        }
        matchers.add(Matchers.andNoMore());
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(matchers.toArray(new Matcher[0])));
    }
}
