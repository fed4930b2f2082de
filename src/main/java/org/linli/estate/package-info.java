/**
 * The estate (房产): communities, their buildings with units (entrances) and rooms with
 * floor areas, and parking spaces. Other modules reach rooms and communities through
 * {@link org.linli.estate.Estate}.
 */
package org.linli.estate;
