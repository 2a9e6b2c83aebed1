package org.sundaydigest.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlSourceTest {

    @Test
    void anH2FileUrlWithoutTheOptionGetsWriteDelayZero() {
        assertThat(DatabaseUrlSource.durable("jdbc:h2:file:/srv/digest/db;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/srv/digest/db;MODE=PostgreSQL;WRITE_DELAY=0");
        assertThat(DatabaseUrlSource.durable("jdbc:h2:./data/db")).isEqualTo("jdbc:h2:./data/db;WRITE_DELAY=0");
    }

    @Test
    void anOperatorsOwnWriteDelayIsReplacedWhateverItsCase() {
        assertThat(DatabaseUrlSource.durable("jdbc:h2:file:./db;write_delay = 500;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./db;AUTO_SERVER=TRUE;WRITE_DELAY=0");
    }

    @Test
    void inMemoryAndPostgresqlUrlsAreLeftAsTheyAre() {
        assertThat(DatabaseUrlSource.durable("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"))
                .isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
        assertThat(DatabaseUrlSource.durable("jdbc:postgresql://db/digest")).isEqualTo("jdbc:postgresql://db/digest");
    }

    @Test
    void aPostgresqlUrlForTheH2BuildIsRefusedNamingTheOtherBuild() {
        assertThatThrownBy(() -> DatabaseUrlSource.checkKind("h2", "jdbc:postgresql://db/digest", null))
                .hasMessageContaining("names a postgresql database").hasMessageContaining("built for h2")
                .hasMessageContaining("-Ppostgresql");
        assertThatThrownBy(() -> DatabaseUrlSource.checkKind("postgresql", "jdbc:h2:file:./db", null))
                .hasMessageContaining("names a h2 database").hasMessageContaining("built for postgresql");
    }

    @Test
    void aDatabaseKindGivenAtRunTimeMustBeTheBuilds() {
        assertThatThrownBy(() -> DatabaseUrlSource.checkKind("h2", "jdbc:h2:file:./db", "postgresql"))
                .hasMessageContaining("QUARKUS_DATASOURCE_DB_KIND is postgresql");
        assertThatCode(() -> DatabaseUrlSource.checkKind("postgresql", "jdbc:postgresql://db/x", "postgres"))
                .doesNotThrowAnyException();
        assertThatCode(() -> DatabaseUrlSource.checkKind("h2", "jdbc:h2:file:./db", "H2")).doesNotThrowAnyException();
    }
}
