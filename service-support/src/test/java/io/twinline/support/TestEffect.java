package io.twinline.support;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A consumer's effect in the tests: written in the same transaction as the inbox record or the outbox event. */
@Entity
@Table(name = "test_effect")
public class TestEffect extends PanacheEntityBase {

    @Id
    public UUID id;

    public String note;

    public static TestEffect of(UUID id, String note) {
        TestEffect e = new TestEffect();
        e.id = id;
        e.note = note;
        return e;
    }
}
