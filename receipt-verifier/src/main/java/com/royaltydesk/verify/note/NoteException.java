package com.royaltydesk.verify.note;

/** A signed note, key or checkpoint that is malformed or does not verify; the message says which. */
public final class NoteException extends Exception {

    public NoteException(String message) {
        super(message);
    }
}
