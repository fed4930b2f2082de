package org.linli.residents;

/**
 * The kind of identity document: resident ID card, passport, HK/Macao or Taiwan permit,
 * foreign PR card.
 */
public enum IdType {

	ID_CARD, PASSPORT, HK_MACAO_PERMIT, TAIWAN_PERMIT, FOREIGN_PR

}
