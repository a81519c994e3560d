package org.tickettriage.training;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test data committed with the module. */
public final class Fixtures {

    private Fixtures() {
    }

    /** 66 hand-written tickets in the seed schema: 65 usable, one blank row, one duplicate, quoted multi-line fields. */
    public static Path tickets() {
        try {
            return Path.of(Fixtures.class.getResource("/tickets-fixture.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
