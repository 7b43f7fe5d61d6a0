package fr.dinum.ledger.api.axon;

import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.values.Montant;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
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

/** A receipt stored before overpayments existed (revision 1) is read as revision 2 with no excess. */
class PaymentReceivedUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonConfiguration.storageObjectMapper()).build();

    @Test
    void a_revision_1_receipt_is_read_with_an_excess_of_zero() {
        String stored = """
                {"conventionId":"PAU-2020-POUBELLES-BATTLE","receiptId":"PAU-R1","amount":"35000.00",
                 "receivedOn":"2020-03-16","trancheNumber":1,"reference":"Titre de recette 2020-031"}""";
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Convention",
                "PAU-2020-POUBELLES-BATTLE", 1, "event-1", Instant.parse("2026-11-30T10:00:00Z"),
                PaymentReceived.class.getName(), "1", stored.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcast = new PaymentReceivedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        SerializedObject<byte[]> data = upcast.get(0).getData(byte[].class);
        PaymentReceived event = serializer.deserialize(
                new SimpleSerializedObject<>(data.getData(), byte[].class,
                        new SimpleSerializedType(PaymentReceived.class.getName(), "2")));
        assertThat(event).isEqualTo(new PaymentReceived("PAU-2020-POUBELLES-BATTLE", "PAU-R1",
                Montant.of("35000.00"), LocalDate.of(2020, 3, 16), 1, "Titre de recette 2020-031", Montant.ZERO));
    }

    @Test
    void a_revision_2_receipt_is_left_as_it_is() {
        String stored = """
                {"conventionId":"C","receiptId":"R","amount":"10.00","receivedOn":"2020-03-16","trancheNumber":1,
                 "reference":null,"excess":"5.00"}""";
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Convention", "C", 1, "event-2",
                Instant.parse("2026-11-30T10:00:00Z"), PaymentReceived.class.getName(), "2",
                stored.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new PaymentReceivedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
    }
}
