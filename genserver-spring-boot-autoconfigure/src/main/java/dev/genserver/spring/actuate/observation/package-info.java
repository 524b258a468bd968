/** Micrometer Observations around handled messages, with the caller's trace carried across the mailbox. */
package dev.genserver.spring.actuate.observation;
