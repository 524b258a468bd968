package dev.genserver.process;

/**
 * A message that names itself for errors, logs and inspection. By default a message is shown as
 * its class name; a message that stands for something else (a proxied method invocation, say)
 * implements this to show what it stands for, such as {@code CartApi.add(Item)}.
 */
public interface DescribedMessage {

    /**
     * Returns how errors, logs and inspection refer to this message's type.
     *
     * @return a short, stable description (not the message's contents)
     */
    String messageType();
}
