package dev.genserver.process;

import java.util.ArrayList;
import java.util.List;

/**
 * A runtime's live servers, in start order: a doubly linked list threaded through the cells
 * themselves. Adding or removing a server costs two pointer writes under an uncontended lock and
 * no allocation; a hash set would cost each server a node of its own (about 40 bytes) and its
 * growth would be paid by the starts that resize it.
 */
final class LiveCells {

    private ProcessCell head;
    private ProcessCell tail;
    private volatile int count;

    /** Adds a new server at the end. */
    synchronized void add(ProcessCell cell) {
        if (cell.listed) {
            return;
        }
        cell.listed = true;
        cell.previousLive = tail;
        cell.nextLive = null;
        if (tail == null) {
            head = cell;
        } else {
            tail.nextLive = cell;
        }
        tail = cell;
        count++;
    }

    /** Removes a server; does nothing if it is not here. */
    synchronized void remove(ProcessCell cell) {
        if (!cell.listed) {
            return;
        }
        cell.listed = false;
        ProcessCell previous = cell.previousLive;
        ProcessCell next = cell.nextLive;
        if (previous == null) {
            head = next;
        } else {
            previous.nextLive = next;
        }
        if (next == null) {
            tail = previous;
        } else {
            next.previousLive = previous;
        }
        cell.previousLive = null;
        cell.nextLive = null;
        count--;
    }

    /** How many servers are here. */
    int size() {
        return count;
    }

    /** The servers here now, in start order. */
    synchronized List<ProcessCell> snapshot() {
        List<ProcessCell> all = new ArrayList<>(count);
        for (ProcessCell c = head; c != null; c = c.nextLive) {
            all.add(c);
        }
        return all;
    }
}
