package dev.genserver.state;

import javax.sql.DataSource;

/** Failover of durable servers on H2, one in-memory database shared by the members. */
class H2FailoverTests extends JdbcFailoverTests {

    @Override
    DataSource dataSource() {
        return Databases.h2();
    }
}
