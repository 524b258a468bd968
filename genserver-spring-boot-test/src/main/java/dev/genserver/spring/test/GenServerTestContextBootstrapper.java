package dev.genserver.spring.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Reads {@link GenServerTest#properties()} into the test's environment. */
class GenServerTestContextBootstrapper extends TestSliceTestContextBootstrapper<GenServerTest> {
}
