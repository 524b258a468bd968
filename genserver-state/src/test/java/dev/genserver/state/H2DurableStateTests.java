package dev.genserver.state;

import javax.sql.DataSource;

/** The durable-state contract on H2, the default database. */
class H2DurableStateTests extends DurableStateContractTests {

    @Override
    DataSource dataSource() {
        return Databases.h2();
    }
}
