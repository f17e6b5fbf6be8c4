/**
 * Field sales (docs/field-sales.md): projects, their agents, dictionaries and checklists, the clients agents visit,
 * and visits from plan to check-out. Project settings, dictionaries and checklist steps are recorded by the
 * {@code Project} aggregate, clients by one {@code Client} aggregate each, visits by one {@code Visit} aggregate each,
 * and whether an agent is on a visit by its {@code Agent} aggregate.
 */
package uz.hisob.events.field;
