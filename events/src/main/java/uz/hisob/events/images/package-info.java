/**
 * Images (field-sales.md, "Images"): photos of products, clients and visits. The bytes are kept outside the event
 * store, content-addressed by their SHA-256; the events hold the id, the hash and what was measured.
 */
package uz.hisob.events.images;
