package dev.genserver.sample.catalog;

/** A product row. */
public record Product(long id, String name, long priceCents) {
}
