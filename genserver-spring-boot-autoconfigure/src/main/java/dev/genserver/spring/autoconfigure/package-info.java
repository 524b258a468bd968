/**
 * Spring Boot auto-configuration of GenServer, listed only in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, and
 * its {@code genserver.*} properties ({@link dev.genserver.spring.autoconfigure.GenServerProperties}).
 */
package dev.genserver.spring.autoconfigure;
