package uz.hisob.api;

/** The quantity rules of common.md: whole numbers of the base unit, at most 10^12 in one command. */
public final class Quantities {

    /** The most of anything (grams, pieces, millilitres) one command may move or state. */
    public static final long MAX_PER_COMMAND = 1_000_000_000_000L;

    private Quantities() {
    }
}
