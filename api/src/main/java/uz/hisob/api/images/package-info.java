/** Commands of images: each image is its own {@code Image} aggregate. */
package uz.hisob.api.images;
