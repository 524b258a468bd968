package dev.genserver.state;

import javax.sql.DataSource;

/** Failover of durable servers on the embedded PostgreSQL. */
class PostgresFailoverTests extends JdbcFailoverTests {

    @Override
    DataSource dataSource() {
        return Databases.postgres();
    }
}
