package org.linli.estate.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface BuildingUnitRepository extends JpaRepository<BuildingUnit, Long> {

	Optional<BuildingUnit> findByBuildingIdAndName(Long buildingId, String name);

	List<BuildingUnit> findByBuildingIdOrderByNameAsc(Long buildingId);

}
