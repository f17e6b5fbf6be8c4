/**
 * The link of a field-sales project to a 1C:Enterprise base (docs/onec.md): its settings (never its passwords, which
 * are kept encrypted beside the event store) and its synchronisation runs, page by page. One {@code OnecLink}
 * aggregate per project records both: it holds each entity's cursor and the run in progress, so two runs of one
 * project cannot overlap and a page is applied once.
 */
package uz.hisob.events.onec;
