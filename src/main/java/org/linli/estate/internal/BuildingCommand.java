package org.linli.estate.internal;

public record BuildingCommand(String name, Integer floors, boolean hasElevator) {

	public BuildingCommand {
		name = CommunityCommand.trim(name);
	}

}
