/**
 * The ledger's vocabulary: every fact Hisob records, as immutable records with a {@code @Revision}.
 *
 * <p>Events carry business data and business time only. Who recorded them, when, for which tenant and under which
 * correlation id travels in the event's metadata (see {@link uz.hisob.events.EventMetadata}). Events never change
 * shape in place: a new revision comes with an upcaster in this module.
 */
package uz.hisob.events;
