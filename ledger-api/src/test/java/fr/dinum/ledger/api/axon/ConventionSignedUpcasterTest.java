package fr.dinum.ledger.api.axon;

import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.PeriodCovers;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A ConventionSigned stored under revision 1, as it was written before periodCovers existed, reads as revision 2. */
class ConventionSignedUpcasterTest {

    /** The payload of a revision 1 event, as the storage mapper wrote it. */
    static final String REVISION_1_PAYLOAD = """
            {"conventionId":"CEREMA-2020-FRICHES","title":"Revitalisation des friches",
             "contributor":{"name":"Cerema","kind":"ETABLISSEMENT_PUBLIC","siren":null,
               "restitutionAccount":{"holder":"Cerema","iban":"FR7610071690000000100488750","bic":"TRPUFRP1"}},
             "beneficiary":"DINUM","fund":{"fundCode":"1-2-00548","programme":"352","bop":"0352-CFSE"},
             "amount":"200000.00","fundingMode":"ADVANCE",
             "tranches":[{"number":1,"amount":"200000.00","trigger":"ON_SIGNATURE","threshold":null,"basis":null}],
             "coFinancing":[],"signedOn":"2020-09-03","effectiveOn":null,"endsOn":"2021-05-31"}""";

    final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonConfiguration.storageObjectMapper()).build();

    static GenericDomainEventEntry<byte[]> stored(String revision, String payload) {
        return new GenericDomainEventEntry<>("Convention", "CEREMA-2020-FRICHES", 0, "event-1",
                Instant.parse("2026-01-05T10:00:00Z"), ConventionSignedUpcaster.PAYLOAD_TYPE, revision,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    List<IntermediateEventRepresentation> upcast(GenericDomainEventEntry<byte[]> entry) {
        return new ConventionSignedUpcaster().upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .toList();
    }

    @Test
    void the_stored_type_name_is_the_event_class_name() {
        assertThat(ConventionSignedUpcaster.PAYLOAD_TYPE).isEqualTo(ConventionSigned.class.getName());
    }

    @Test
    void a_revision_1_signature_is_read_as_revision_2_whose_period_covers_commitments() {
        List<IntermediateEventRepresentation> upcast = upcast(stored("1", REVISION_1_PAYLOAD));
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        ConventionSigned event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event.periodCovers()).isEqualTo(PeriodCovers.COMMITMENTS);
        assertThat(event.endsOn()).isEqualTo(LocalDate.parse("2021-05-31"));
        assertThat(event.amount().toString()).isEqualTo("200000.00");
    }

    @Test
    void a_revision_2_signature_is_left_as_it_is() {
        String revision2 = REVISION_1_PAYLOAD.replace("\"endsOn\":\"2021-05-31\"}",
                "\"endsOn\":\"2021-05-31\",\"periodCovers\":\"COMMITMENTS_AND_PAYMENTS\"}");
        List<IntermediateEventRepresentation> upcast = upcast(stored("2", revision2));
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        ConventionSigned event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event.periodCovers()).isEqualTo(PeriodCovers.COMMITMENTS_AND_PAYMENTS);
    }

    @Test
    void a_revision_1_signature_without_the_upcaster_does_not_pass_for_one_that_says_what_it_covers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serializer.deserialize(
                        new InitialEventRepresentation(stored("1", REVISION_1_PAYLOAD), serializer).getData()))
                .hasStackTraceContaining("periodCovers");
    }
}
