import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

type DtoClass = new () => object;

interface Constraint {
  readonly validate: (value: unknown, args: ValidationArguments) => unknown;
  readonly constraints: unknown[];
  readonly validateIf?: (object: object, value: unknown) => boolean;
}

interface PropertyPlan {
  readonly name: string;
  readonly conditions: ReadonlyArray<(object: object, value: unknown) => boolean>;
  readonly constraints: readonly Constraint[];
  /** The class class-transformer builds a nested object as (its `@Type`), when validated nested. */
  readonly nested?: DtoPlan;
}

interface DtoPlan {
  readonly dto: DtoClass;
  readonly properties: ReadonlyMap<string, PropertyPlan>;
}

/**
 * A shortcut past class-transformer and class-validator for request bodies that break no
 * rule, which is nearly every body. It runs the very constraints the DTO's decorators
 * registered, in class-validator's order, on the object class-transformer would build,
 * and answers that object when all of them pass. Whenever a rule fails, or the body or
 * the DTO uses anything it does not follow step by step (arrays, objects without `@Type`,
 * asynchronous or per-item rules, groups, class-transformer's own decorators), it answers
 * undefined and the full ValidationPipe decides, so every refusal keeps its message.
 */
export class ValidBodyShortcut {
  private readonly plans = new Map<DtoClass, DtoPlan | null>();

  accept(dto: DtoClass, body: unknown): object | undefined {
    const plan = this.planFor(dto);
    if (!plan) return undefined;
    try {
      return build(plan, body);
    } catch {
      return undefined;
    }
  }

  private planFor(dto: DtoClass): DtoPlan | null {
    const known = this.plans.get(dto);
    if (known !== undefined) return known;
    // A DTO that nests itself is left to the full pipe.
    this.plans.set(dto, null);
    const plan = this.compile(dto);
    this.plans.set(dto, plan);
    return plan;
  }

  private compile(dto: DtoClass): DtoPlan | null {
    const storage = getMetadataStorage();
    const metadatas = storage.getTargetValidationMetadatas(dto, '', false, false, undefined);
    if (metadatas.length === 0) return null;
    const grouped = storage.groupByPropertyName(metadatas);
    const properties = new Map<string, PropertyPlan>();
    for (const [name, list] of Object.entries(grouped)) {
      const conditions: PropertyPlan['conditions'][number][] = [];
      const constraints: Constraint[] = [];
      let nested: DtoPlan | undefined;
      for (const metadata of list) {
        if (metadata.groups?.length || metadata.always !== undefined || metadata.each) return null;
        switch (metadata.type) {
          case ValidationTypes.WHITELIST:
            break;
          case ValidationTypes.CONDITIONAL_VALIDATION:
            conditions.push(metadata.constraints[0] as PropertyPlan['conditions'][number]);
            break;
          case ValidationTypes.CUSTOM_VALIDATION:
            for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
              if (constraint.async) return null;
              const instance = constraint.instance as { validate: Constraint['validate'] };
              constraints.push({
                validate: (value, args) => instance.validate(value, args),
                constraints: metadata.constraints,
                ...(metadata.validateIf ? { validateIf: metadata.validateIf } : {}),
              });
            }
            break;
          case ValidationTypes.NESTED_VALIDATION: {
            const type = defaultMetadataStorage.findTypeMetadata(dto, name);
            if (!type || type.options?.discriminator || nested) return null;
            const nestedClass = type.typeFunction() as DtoClass | undefined;
            const nestedPlan = typeof nestedClass === 'function' ? this.planFor(nestedClass) : null;
            if (!nestedPlan) return null;
            nested = nestedPlan;
            break;
          }
          default:
            return null;
        }
      }
      // A `@Type` on a field not validated as nested converts its value (to a number, a date…).
      if (!nested && defaultMetadataStorage.findTypeMetadata(dto, name)) return null;
      properties.set(name, { name, conditions, constraints, ...(nested ? { nested } : {}) });
    }
    // class-validator refuses every own key without rules, the declared fields included.
    if (Object.keys(new dto()).some((key) => !properties.has(key))) return null;
    if (transformerDecorates(dto, properties.keys())) return null;
    return { dto, properties };
  }
}

/** The DTO as class-transformer would build it from the body, if every rule holds. */
function build(plan: DtoPlan, body: unknown): object | undefined {
  if (!isPlainObject(body)) return undefined;
  const object = new plan.dto() as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    const property = plan.properties.get(key);
    if (!property) return undefined;
    const value = body[key];
    if (property.nested) {
      const nested = build(property.nested, value);
      if (!nested) return undefined;
      object[key] = nested;
    } else {
      if (typeof value === 'object' && value !== null) return undefined;
      object[key] = value;
    }
  }
  for (const property of plan.properties.values()) {
    if (!holds(property, object)) return undefined;
  }
  return object;
}

function holds(property: PropertyPlan, object: Record<string, unknown>): boolean {
  const value = object[property.name];
  if (!property.conditions.every((condition) => condition(object, value))) return true;
  for (const constraint of property.constraints) {
    if (constraint.validateIf && !constraint.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName: object.constructor.name,
      property: property.name,
      object,
      value,
      constraints: constraint.constraints,
    };
    if (!constraint.validate(value, args)) return false;
  }
  // A nested object was built and checked whole by `build`; an absent one is not checked.
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** `@Expose`, `@Exclude` or `@Transform` change what class-transformer builds: not followed here. */
function transformerDecorates(dto: DtoClass, properties: Iterable<string>): boolean {
  if (defaultMetadataStorage.getExposedMetadatas(dto).length > 0) return true;
  if (defaultMetadataStorage.getExcludedMetadatas(dto).length > 0) return true;
  for (const name of properties) {
    if (defaultMetadataStorage.findTransformMetadatas(dto, name, TransformationType.PLAIN_TO_CLASS).length > 0) return true;
  }
  return false;
}
