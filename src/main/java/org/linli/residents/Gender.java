package org.linli.residents;

public enum Gender {

	MALE, FEMALE

}
