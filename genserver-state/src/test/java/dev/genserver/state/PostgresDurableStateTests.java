package dev.genserver.state;

import javax.sql.DataSource;

/** The durable-state contract on a real PostgreSQL (17), started by the test itself. */
class PostgresDurableStateTests extends DurableStateContractTests {

    @Override
    DataSource dataSource() {
        return Databases.postgres();
    }
}
