/** The service's CSDL (`$metadata`), so `@odata.context` resolves and OData clients can read the entity types. */
const NAMESPACE = 'Roster.HR';

type Property = [name: string, type: string, nullable?: boolean];

const EMPLOYMENT: Property[] = [
  ['EmploymentId', 'Edm.String', false],
  ['StartDate', 'Edm.Date', false],
  ['EndDate', 'Edm.Date'],
  ['PrimaryEmployment', 'Edm.Boolean', false],
];
const USER_ACCOUNT: Property[] = [
  ['Username', 'Edm.String', false],
  ['Role', 'Edm.String'],
  ['Active', 'Edm.Boolean', false],
];
const PERSON: Property[] = [
  ['PersonCode', 'Edm.String', false],
  ['GivenName', 'Edm.String', false],
  ['FamilyName', 'Edm.String', false],
  ['PreferredGivenName', 'Edm.String'],
  ['InternalEmail', 'Edm.String'],
  ['ExternalEmail', 'Edm.String'],
  ['JobTitle', 'Edm.String'],
  ['DepartmentCode', 'Edm.String'],
  ['ActiveEmployee', 'Edm.Boolean', false],
  ['StartDate', 'Edm.Date'],
  ['LeavingDate', 'Edm.Date'],
  ['Employments', `Collection(${NAMESPACE}.Employment)`, false],
  ['UserAccount', `${NAMESPACE}.UserAccount`],
  ['LastModified', 'Edm.DateTimeOffset', false],
];
const DEPARTMENT: Property[] = [
  ['DepartmentCode', 'Edm.String', false],
  ['DepartmentName', 'Edm.String', false],
  ['LastModified', 'Edm.DateTimeOffset', false],
];

function properties(list: Property[]): string {
  return list
    .map(
      ([name, type, nullable = true]) =>
        `        <Property Name="${name}" Type="${type}"${nullable ? '' : ' Nullable="false"'}/>`,
    )
    .join('\n');
}

export function serviceMetadataXml(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="Employment">
${properties(EMPLOYMENT)}
      </ComplexType>
      <ComplexType Name="UserAccount">
${properties(USER_ACCOUNT)}
      </ComplexType>
      <EntityType Name="Person">
        <Key><PropertyRef Name="PersonCode"/></Key>
${properties(PERSON)}
      </EntityType>
      <EntityType Name="Department">
        <Key><PropertyRef Name="DepartmentCode"/></Key>
${properties(DEPARTMENT)}
      </EntityType>
      <EntityContainer Name="Container">
        <EntitySet Name="People" EntityType="${NAMESPACE}.Person"/>
        <EntitySet Name="Departments" EntityType="${NAMESPACE}.Department"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
}
