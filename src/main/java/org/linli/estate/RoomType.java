package org.linli.estate;

public enum RoomType {

	RESIDENTIAL, SHOP, OFFICE, OTHER

}
